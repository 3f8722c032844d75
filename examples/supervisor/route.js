#!/usr/bin/env node
// EXAMPLE supervisor for WAVE (docs/supervisor.md): a tiny rule-based router that calls nothing external.
// It reads { version, story, catalog } on stdin and prints { domains: [{ name, reason }], dependencies } on stdout.
// Replace the rules with your own, or call a model instead (docs/supervisor.md shows how to wrap an LLM CLI).

// Which words send a story to which domain; a domain the catalog does not have is never chosen.
const RULES = [
  { domain: 'auth', pattern: /\b(log ?in|sign[ -]?(in|up|on)|sso|password|2fa|mfa|oauth)\b/i },
  { domain: 'payments', pattern: /\b(pay(ment)?s?|checkout|stripe|invoices?|refunds?|billing)\b/i },
  { domain: 'profile', pattern: /\b(profiles?|avatars?|account settings)\b/i },
  { domain: 'api', pattern: /\b(api|endpoints?|webhooks?|graphql|rest)\b/i },
  { domain: 'ui', pattern: /\b(ui|pages?|screens?|buttons?|forms?|dashboard)\b/i },
  { domain: 'data', pattern: /\b(database|migrations?|tables?|schema|sql)\b/i },
];

function route(input) {
  const known = new Set(input.catalog.map((domain) => domain.name));
  const text = `${input.story.title}\n${input.story.description ?? ''}`;
  const domains = [];
  for (const rule of RULES) {
    const match = text.match(rule.pattern);
    if (match && known.has(rule.domain)) domains.push({ name: rule.domain, reason: `mentions "${match[0]}"` });
  }
  const chosen = new Set(domains.map((domain) => domain.name));
  // A screen needs its endpoint first: make ui wait for api when the story has both.
  const dependencies = chosen.has('ui') && chosen.has('api') ? { ui: ['api'] } : {};
  return { domains, dependencies };
}

let stdin = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => (stdin += chunk));
process.stdin.on('end', () => {
  const input = JSON.parse(stdin);
  // Anything on stderr (or earlier stdout lines) is only for people; WAVE reads the last JSON object on stdout.
  console.error(`example router: routing "${input.story.title}"`);
  console.log(JSON.stringify(route(input)));
});
