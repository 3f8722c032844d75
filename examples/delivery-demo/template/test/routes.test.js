const test = require('node:test');
const assert = require('node:assert');
const { routes } = require('../src/routes');

test('every route has a method, a path and a handler', () => {
  for (const route of routes) assert.strictEqual(route.length, 3);
});

test('paths are unique', () => {
  const paths = routes.map(([method, path]) => `${method} ${path}`);
  assert.strictEqual(new Set(paths).size, paths.length);
});
