import { z } from 'zod';
import { BudgetSchema, UsageSchema } from './budget';

/** One domain of a story's plan. */
export const DomainPlanSchema = z.object({
  name: z.string(),
  critical: z.boolean(),
  /** Dependency layer: 0 runs first. */
  layer: z.number().int().min(0),
  weight: z.number().positive(),
  dependsOn: z.array(z.string()),
  /** Planned share of the run's budget (unused share of earlier layers is added at run time). */
  budget: UsageSchema,
  /** Why the domain is in the plan (the words that routed it, or "named in the request"). */
  reason: z.string(),
});
export type DomainPlan = z.infer<typeof DomainPlanSchema>;

/** What the supervisor decided: the domains, their layers and budget shares. */
export const StoryPlanSchema = z.object({
  storyId: z.string(),
  title: z.string(),
  routedBy: z.enum(['router', 'request']),
  domains: z.array(DomainPlanSchema),
  layers: z.array(z.array(z.string())),
  budget: BudgetSchema,
  /** The repository and the commit every domain branch starts from (executors that change a repository). */
  workspace: z.object({ root: z.string(), baseCommit: z.string() }).optional(),
});
export type StoryPlan = z.infer<typeof StoryPlanSchema>;
