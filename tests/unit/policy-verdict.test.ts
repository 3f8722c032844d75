import { PolicySchema } from '../../src/model/policy';
import { evaluatePolicy } from '../../src/workflow-safe/policy-verdict';
import { domainResult } from '../helpers/results';

const policy = (input: object = {}) => PolicySchema.parse(input);

describe('failure policy', () => {
  test('every domain succeeded → succeeded', () => {
    const verdict = evaluatePolicy({
      results: [domainResult({ domain: 'auth' })],
      policy: policy(),
      plannedDomains: 1,
    });
    expect(verdict).toEqual({ outcome: 'succeeded', halted: false });
  });

  test('a critical failure fails and halts the run, naming the domain', () => {
    const verdict = evaluatePolicy({
      results: [
        domainResult({ domain: 'auth', critical: true, status: 'failed', error: { type: 'X', message: 'boom' } }),
      ],
      policy: policy({ toleratedFailures: 5 }),
      plannedDomains: 3,
    });
    expect(verdict).toMatchObject({ outcome: 'failed', halted: true });
    expect(verdict.reason).toContain('critical domain auth failed: boom');
  });

  test('a critical domain over budget counts as a failure', () => {
    const verdict = evaluatePolicy({
      results: [domainResult({ domain: 'data', critical: true, status: 'budget-exceeded' })],
      policy: policy(),
      plannedDomains: 2,
    });
    expect(verdict.outcome).toBe('failed');
  });

  test('non-critical failures within the tolerance → partial; beyond it → failed', () => {
    const results = [
      domainResult({ domain: 'ui', status: 'failed' }),
      domainResult({ domain: 'auth', critical: true }),
    ];
    expect(evaluatePolicy({ results, policy: policy({ toleratedFailures: 1 }), plannedDomains: 2 })).toMatchObject({
      outcome: 'partial',
      halted: false,
    });
    expect(evaluatePolicy({ results, policy: policy({ toleratedFailures: 0 }), plannedDomains: 2 })).toMatchObject({
      outcome: 'failed',
      halted: true,
    });
  });

  test('a percentage tolerance counts against the planned domains', () => {
    const results = [
      domainResult({ domain: 'ui', status: 'failed' }),
      domainResult({ domain: 'profile', status: 'failed' }),
    ];
    expect(evaluatePolicy({ results, policy: policy({ toleratedFailures: '50%' }), plannedDomains: 4 }).outcome).toBe(
      'partial',
    );
    expect(evaluatePolicy({ results, policy: policy({ toleratedFailures: '25%' }), plannedDomains: 4 }).outcome).toBe(
      'failed',
    );
  });

  test('a critical domain skipped because its dependency failed fails the run', () => {
    const results = [
      domainResult({ domain: 'api', status: 'failed' }),
      domainResult({ domain: 'payments', critical: true, status: 'skipped' }),
    ];
    expect(evaluatePolicy({ results, policy: policy({ toleratedFailures: 1 }), plannedDomains: 2 })).toMatchObject({
      outcome: 'failed',
      halted: true,
    });
  });

  test('skipped or cancelled domains make a run partial, not failed', () => {
    const results = [domainResult({ domain: 'ui', status: 'skipped' }), domainResult({ domain: 'api' })];
    expect(evaluatePolicy({ results, policy: policy(), plannedDomains: 2 }).outcome).toBe('partial');
  });
});
