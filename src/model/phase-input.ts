import type { Usage } from './budget';
import type { Phase } from './phase';
import type { StoryContext } from './story-context';

/** Everything an executor learns about the phase it runs: the input of the `runPhase` activity. */
export interface PhaseInput {
  story: StoryContext;
  domain: string;
  phase: Phase;
  /** Fix iteration: 0 for the first implement/test round, then 1, 2, … */
  iteration: number;
  /** Summary of the domain's plan (for review, implement and test). */
  plan?: string;
  /** Test output of the previous round (for implement on a fix iteration). */
  feedback?: string;
  /** What is left of the domain's budget share; the phase must stop when it runs out. */
  budgetLeft: Usage;
  /** Domains whose branches this domain starts from. */
  dependsOn?: string[];
  /**
   * The commit the domain's last recorded phase ended on (executors that change a repository): the phase starts
   * there, on whichever worker runs it, whatever an interrupted attempt committed after it.
   */
  startCommit?: string;
  /** Attempts made on hosts that died before this phase moved to a new one: its attempts are counted on from them. */
  attemptOffset?: number;
}
