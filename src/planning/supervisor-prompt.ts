import type { SupervisorInput } from '../model/supervisor-contract';
import { fillPlaceholders } from '../workflow-safe/prompt-template';

/** The placeholders a supervisor prompt template may use, as `{{name}}`. */
export const SUPERVISOR_PROMPT_FIELDS = ['story', 'catalog'] as const;

/**
 * What an agent supervisor is asked for one story. The rules are the routing semantics every labelled set of the
 * project is labelled by (docs/development.md#routing-quality): a domain is chosen for the work a story names, also
 * in passing (rule 2 asks the agent to check every domain, so that secondary work is not left out), and not for a word
 * of it seen only as context.
 */
export const DEFAULT_SUPERVISOR_PROMPT = `You route user stories of a software product to the teams (domains) that must change code for them.

Domains:
{{catalog}}

Rules:
1. Choose a domain when the story needs work in it, not when a word from its area only appears as context: "show the avatar after they sign in" needs no sign-in work, "rotate the CI deploy token" is not access control, a column added to the payouts table is database work rather than payments work, and tracking checkout events in the warehouse is data work rather than payments work.
2. A story often needs more than one domain. Go through the domains one by one and choose each one whose work the story names, even in passing: a screen, page, button, banner or other element users see is ui work; a call to or from another system (an endpoint, a webhook, a third-party service's API) is api work; records to store, tables, reports, exports or queries are data work; a limit on who may do something is auth work; a user's own details, settings or preferences are profile work; a charge, subscription, refund, invoice or payout is payments work.
3. Do not choose a domain only because an implementation might conceivably touch it: the story must name that work.
4. A story about tooling, documentation, CI, hiring, vendors, meetings or business chores outside the product needs no domain: answer with an empty list.

Story:
{{story}}

Answer with one JSON object and nothing else, no code fence:
{"domains":[{"name":"<domain>","reason":"<one short sentence: what the story needs in this domain>"}],"dependencies":{"<domain>":["<chosen domain whose work must be done first>"]}}
Leave "dependencies" out unless one chosen domain truly cannot start before another is finished.`;

/** The prompt for one story: the template with the story and the catalog's domains (one line each) filled in. */
export function supervisorPrompt(input: { template?: string; supervisorInput: SupervisorInput }): string {
  const { story, catalog } = input.supervisorInput;
  const values: Record<string, string> = {
    story: story.description ? `${story.title}\n${story.description}` : story.title,
    catalog: catalog
      .map((domain) => `- ${domain.name}${domain.description ? `: ${domain.description}` : ''}`)
      .join('\n'),
  };
  return fillPlaceholders({ template: input.template ?? DEFAULT_SUPERVISOR_PROMPT, values });
}
