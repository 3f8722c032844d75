// The demo's edits per domain: new files with their tests, a route under the domain's marker, and for auth and
// profile a change of the same setting (so a story with both shows a real merge conflict).
const { mkdirSync, readFileSync, writeFileSync } = require('node:fs');
const { dirname, join } = require('node:path');

function write(root, path, content) {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), content);
  return path;
}

function edit(root, path, change) {
  const file = join(root, path);
  const before = readFileSync(file, 'utf8');
  const after = change(before);
  if (after === before) throw new Error(`${path}: nothing to change`);
  writeFileSync(file, after);
  return path;
}

function addRoute(domain, route) {
  const line = `[${route.map((part) => `'${part}'`).join(', ')}],`;
  return (text) => text.replace(`  // ${domain} routes\n`, `  // ${domain} routes\n  ${line}\n`);
}

function setSessionMinutes(minutes) {
  return (text) => text.replace(/sessionMinutes: \d+,/, `sessionMinutes: ${minutes},`);
}

const DOMAINS = {
  auth: {
    files: ['src/auth/login.js', 'test/auth.test.js', 'src/routes.js', 'src/config.js'],
    apply: (root) => [
      write(
        root,
        'src/auth/login.js',
        `// Google sign-in: accepts only verified Google accounts.
function login(account) {
  if (!account || account.provider !== 'google') return { ok: false, reason: 'unsupported provider' };
  if (!account.emailVerified) return { ok: false, reason: 'email not verified' };
  return { ok: true, user: account.email };
}

module.exports = { login };
`,
      ),
      write(
        root,
        'test/auth.test.js',
        `const test = require('node:test');
const assert = require('node:assert');
const { login } = require('../src/auth/login');

test('a verified Google account signs in', () => {
  assert.deepStrictEqual(login({ provider: 'google', email: 'a@example.com', emailVerified: true }), { ok: true, user: 'a@example.com' });
});

test('other providers are refused', () => {
  assert.strictEqual(login({ provider: 'github' }).ok, false);
});
`,
      ),
      edit(root, 'src/routes.js', addRoute('auth', ['POST', '/login/google', 'googleLogin'])),
      edit(root, 'src/config.js', setSessionMinutes(15)),
    ],
  },
  payments: {
    files: ['src/payments/checkout.js', 'test/payments.test.js', 'src/routes.js'],
    apply: (root) => [
      write(
        root,
        'src/payments/checkout.js',
        `// Stripe checkout: the amount Stripe expects (cents) for a cart.
const { currency } = require('../config');

function checkoutSession(cart) {
  const cents = cart.reduce((sum, item) => sum + Math.round(item.price * 100) * item.quantity, 0);
  if (cents <= 0) throw new Error('empty cart');
  return { amount: cents, currency: currency.toLowerCase(), mode: 'payment' };
}

module.exports = { checkoutSession };
`,
      ),
      write(
        root,
        'test/payments.test.js',
        `const test = require('node:test');
const assert = require('node:assert');
const { checkoutSession } = require('../src/payments/checkout');

test('the amount is in cents', () => {
  assert.strictEqual(checkoutSession([{ price: 9.99, quantity: 2 }]).amount, 1998);
});

test('an empty cart cannot be paid', () => {
  assert.throws(() => checkoutSession([]));
});
`,
      ),
      edit(root, 'src/routes.js', addRoute('payments', ['POST', '/checkout', 'stripeCheckout'])),
    ],
  },
  profile: {
    files: ['src/profile/settings.js', 'test/profile.test.js', 'src/routes.js', 'src/config.js'],
    apply: (root) => [
      write(
        root,
        'src/profile/settings.js',
        `// Profile settings: users choose how long they stay signed in.
function sessionChoice(minutes) {
  return [15, 30, 60].includes(minutes) ? minutes : 30;
}

module.exports = { sessionChoice };
`,
      ),
      write(
        root,
        'test/profile.test.js',
        `const test = require('node:test');
const assert = require('node:assert');
const { sessionChoice } = require('../src/profile/settings');

test('unknown choices fall back to 30 minutes', () => {
  assert.strictEqual(sessionChoice(999), 30);
});
`,
      ),
      edit(root, 'src/routes.js', addRoute('profile', ['PUT', '/profile/session', 'sessionSettings'])),
      edit(root, 'src/config.js', setSessionMinutes(60)),
    ],
  },
};

/** What a domain changes; domains without a recipe add a module of their own. */
function domainWork(domain) {
  const recipe = DOMAINS[domain] ?? {
    files: [`src/${domain}/index.js`],
    apply: (root) => [
      write(root, `src/${domain}/index.js`, `// ${domain}: ${process.env.WAVE_STORY}\nmodule.exports = {};\n`),
    ],
  };
  return { describe: () => `change ${recipe.files.join(', ')}`, apply: recipe.apply };
}

module.exports = { domainWork };
