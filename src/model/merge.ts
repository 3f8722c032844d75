import { z } from 'zod';
import type { Validation } from './validation';
import { describeZodError } from './validation';

/** A domain whose branch could not be merged, with the files and the domains it collided with. */
export const MergeConflictSchema = z.object({
  domain: z.string(),
  files: z.array(z.string()),
  with: z.array(z.string()),
});

/** What the merge review built: the integration branch, the domains merged into it, conflicts, merged tests. */
export const MergeResultSchema = z.object({
  branch: z.string(),
  baseCommit: z.string(),
  headCommit: z.string(),
  merged: z.array(z.string()),
  conflicts: z.array(MergeConflictSchema),
  tests: z
    .object({ command: z.string(), passed: z.boolean(), exitCode: z.number().nullable(), tail: z.string() })
    .optional(),
});
export type MergeResult = z.infer<typeof MergeResultSchema>;

/** What a person sends (`wave review`) to decide a run the merge gate escalated. */
export const MergeDecisionSchema = z
  .object({
    approve: z.boolean(),
    /** Who decided. */
    reviewer: z.string().trim().min(1, 'must name who decides').max(200),
    comment: z.string().max(5000, 'must be at most 5000 characters').optional(),
  })
  .strict();
export type MergeDecision = z.infer<typeof MergeDecisionSchema>;

/** Validates a person's decision; on failure the message names every bad field. */
export function parseMergeDecision(input: unknown): Validation<MergeDecision> {
  const parsed = MergeDecisionSchema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, message: `invalid review decision: ${describeZodError(parsed.error, 'decision')}` };
}
