/** The phases every domain runs, in order: PM plans, CTO reviews, Dev implements, QA tests. */
export const PHASES = ['plan', 'review', 'implement', 'test'] as const;

/** One phase of a domain's work. */
export type Phase = (typeof PHASES)[number];
