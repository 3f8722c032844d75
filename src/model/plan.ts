import { z } from 'zod';
import { BudgetSchema, UsageSchema } from './budget';
import { SupervisorUsageSchema } from './supervisor-contract';

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
  /** Why the domain is in the plan (the words that routed it, the supervisor's reason, or "named in the request"). */
  reason: z.string(),
});
export type DomainPlan = z.infer<typeof DomainPlanSchema>;

/** The configured supervisor (command or agent), when it was asked (plans recorded before it existed have none). */
export const SupervisorRecordSchema = z.object({
  /** The command as configured in wave.config.json (not resolved; long ones shortened). */
  command: z.string(),
  /** How long it ran. */
  durationMs: z.number().min(0),
  /** Why its answer was not used (then the built-in router routed); absent when it decided. */
  fallback: z.string().optional(),
  /** What an agent supervisor spent answering (`estimated` when priced from its tokens by WAVE). */
  usage: SupervisorUsageSchema.optional(),
});
export type SupervisorRecord = z.infer<typeof SupervisorRecordSchema>;

/** What the supervisor decided: the domains, their layers and budget shares. */
export const StoryPlanSchema = z.object({
  storyId: z.string(),
  title: z.string(),
  /** Who chose the domains: the built-in keyword router, the request (`domains`) or the supervisor command. */
  routedBy: z.enum(['router', 'request', 'supervisor']),
  supervisor: SupervisorRecordSchema.optional(),
  domains: z.array(DomainPlanSchema),
  layers: z.array(z.array(z.string())),
  budget: BudgetSchema,
  /** The repository and the commit every domain branch starts from (executors that change a repository). */
  workspace: z.object({ root: z.string(), baseCommit: z.string() }).optional(),
});
export type StoryPlan = z.infer<typeof StoryPlanSchema>;
