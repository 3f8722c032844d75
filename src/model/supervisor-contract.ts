import { z } from 'zod';

/**
 * The contract between WAVE and a configured supervisor command (docs/supervisor.md): WAVE writes one
 * {@link SupervisorInput} to the command's stdin, the command prints one answer object on stdout.
 */

/** Version of the object on the command's stdin; a change that breaks existing commands gets a new number. */
export const SUPERVISOR_CONTRACT_VERSION = 1;

/** Longest reason a supervisor may give for a domain. */
export const MAX_SUPERVISOR_REASON_LENGTH = 500;

/** What a supervisor command reads on stdin. */
export interface SupervisorInput {
  version: typeof SUPERVISOR_CONTRACT_VERSION;
  story: { storyId: string; title: string; description?: string };
  catalog: { name: string; description?: string; critical: boolean; dependsOn: string[] }[];
}

/**
 * The answer a supervisor command prints, checked against the catalog's domain names (`known`): known domains,
 * none twice (none at all: the story needs no product work), each with a reason; dependencies only among the chosen
 * domains. Unknown fields are ignored, so a command may print more than WAVE reads.
 */
export function supervisorAnswerSchema(input: { known: string[] }) {
  const known = new Set(input.known);
  return z
    .object({
      domains: z.array(
        z.object({
          name: z.string(),
          reason: z
            .string()
            .trim()
            .min(1, 'must not be empty')
            .max(MAX_SUPERVISOR_REASON_LENGTH, `must be at most ${MAX_SUPERVISOR_REASON_LENGTH} characters`)
            // The reason is shown in one table cell: line breaks would tear the table apart.
            .transform((reason) => reason.replace(/\s+/g, ' ')),
        }),
      ),
      dependencies: z.record(z.string(), z.array(z.string())).optional(),
    })
    .superRefine((answer, ctx) => {
      const chosen = new Set<string>();
      answer.domains.forEach(({ name }, index) => {
        const problem = !known.has(name)
          ? `unknown domain ${JSON.stringify(name)} (known: ${input.known.join(', ')})`
          : chosen.has(name)
            ? `${JSON.stringify(name)} is named twice`
            : undefined;
        if (problem) ctx.addIssue({ code: 'custom', path: ['domains', index, 'name'], message: problem });
        chosen.add(name);
      });
      for (const [domain, dependsOn] of Object.entries(answer.dependencies ?? {})) {
        const outside = [domain, ...dependsOn].filter((name) => !chosen.has(name));
        if (outside.length) {
          ctx.addIssue({
            code: 'custom',
            path: ['dependencies', domain],
            message: `${outside.map((name) => JSON.stringify(name)).join(', ')} not among the chosen domains`,
          });
        }
      }
    });
}

/** A supervisor's answer, valid for the catalog it was checked against. */
export type SupervisorAnswer = z.infer<ReturnType<typeof supervisorAnswerSchema>>;

/** Tokens and dollars an agent supervisor used to answer; `estimated` when priced from tokens by WAVE. */
export const SupervisorUsageSchema = z.object({
  tokens: z.number().min(0),
  costUsd: z.number().min(0),
  estimated: z.boolean(),
});
export type SupervisorUsage = z.infer<typeof SupervisorUsageSchema>;

/**
 * What asking the supervisor command gave: its valid answer, or why it cannot be used (then the built-in router
 * routes). `command` is the command (or agent) as configured, `durationMs` how long it ran, `usage` what an agent
 * supervisor spent.
 */
export type SupervisorVerdict = { command: string; durationMs: number; usage?: SupervisorUsage } & (
  { ok: true; answer: SupervisorAnswer } | { ok: false; fallback: string }
);
