import { orderLayers } from '../../src/planning/layers';

describe('dependency layers', () => {
  test('independent domains share layer 0; dependants come after what they need', () => {
    const order = orderLayers({ domains: ['ui', 'api', 'data', 'auth'], dependsOn: { ui: ['api'], api: ['data'] } });
    expect(order).toEqual({ ok: true, layers: [['data', 'auth'], ['api'], ['ui']] });
  });

  test('a cycle is reported with the domains on it', () => {
    const order = orderLayers({ domains: ['auth', 'api', 'ui'], dependsOn: { api: ['ui'], ui: ['api'] } });
    expect(order.ok).toBe(false);
    if (order.ok) return;
    expect(order.cycle[0]).toBe(order.cycle[order.cycle.length - 1]);
    expect(new Set(order.cycle)).toEqual(new Set(['api', 'ui']));
  });
});
