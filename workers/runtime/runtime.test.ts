import { describe, expect, it } from 'vitest';
import { configFromEnv } from './config.js';
import { Metrics } from './metrics.js';
import { backoffMs } from './runner.js';

describe('configFromEnv', () => {
  it('has defaults that run against the embedded engine on this machine', () => {
    // given
    const env = {};

    // when
    const config = configFromEnv(env);

    // then
    expect(config).toMatchObject({ storePath: 'data/suqiu.db', port: 9464, concurrency: 8, types: undefined });
    expect(config.camunda).toEqual({ CAMUNDA_AUTH_STRATEGY: 'NONE', CAMUNDA_LOG_LEVEL: 'error' });
  });

  it('takes the gateway, auth, store, port, concurrency and job types from the environment', () => {
    // given
    const env = {
      ZEEBE_GRPC_ADDRESS: 'grpcs://zeebe.example:443',
      CAMUNDA_AUTH_STRATEGY: 'OAUTH',
      SUQIU_STORE_PATH: '/var/lib/suqiu/s.db',
      SUQIU_WORKERS_PORT: '0',
      SUQIU_WORKERS_CONCURRENCY: '32',
      SUQIU_WORKERS_TYPES: 'suqiu.ledger.open, suqiu.ledger.close',
    };

    // when
    const config = configFromEnv(env);

    // then
    expect(config.camunda).toMatchObject({ ZEEBE_GRPC_ADDRESS: 'grpcs://zeebe.example:443', CAMUNDA_AUTH_STRATEGY: 'OAUTH' });
    expect(config).toMatchObject({ storePath: '/var/lib/suqiu/s.db', port: 0, concurrency: 32, types: ['suqiu.ledger.open', 'suqiu.ledger.close'] });
  });

  it('takes the time from the system unless a simulation asks for its own', () => {
    // given / when / then
    expect(configFromEnv({}).clock).toBe('system');
    expect(configFromEnv({ SUQIU_WORKERS_CLOCK: 'simulated' }).clock).toBe('simulated');
    expect(() => configFromEnv({ SUQIU_WORKERS_CLOCK: 'engine' })).toThrow(/SUQIU_WORKERS_CLOCK must be "system" or "simulated"/);
    expect(configFromEnv({}).pollIntervalMs).toBe(100);
    expect(configFromEnv({ SUQIU_WORKERS_POLL_INTERVAL_MS: '5' }).pollIntervalMs).toBe(5);
  });

  it('refuses a setting that is not a number', () => {
    // given / when / then
    expect(() => configFromEnv({ SUQIU_WORKERS_PORT: 'http' })).toThrow(/SUQIU_WORKERS_PORT must be a whole number/);
  });
});

describe('Metrics', () => {
  it('writes counters and a histogram in the text format 0.0.4', () => {
    // given
    const metrics = new Metrics(['suqiu.ledger.open', 'suqiu.ledger.close']);

    // when
    metrics.jobHandled('suqiu.ledger.open', 0.02);
    metrics.jobHandled('suqiu.ledger.open', 0.3);
    metrics.jobFailed('suqiu.ledger.close', 0.001);
    const text = metrics.render();

    // then
    expect(text).toContain('# TYPE suqiu_jobs_handled_total counter\n');
    expect(text).toContain('suqiu_jobs_handled_total{type="suqiu.ledger.open"} 2\n');
    expect(text).toContain('suqiu_jobs_handled_total{type="suqiu.ledger.close"} 0\n');
    expect(text).toContain('suqiu_jobs_failed_total{type="suqiu.ledger.close"} 1\n');
    expect(text).toContain('# TYPE suqiu_job_duration_seconds histogram\n');
    expect(text).toContain('suqiu_job_duration_seconds_bucket{type="suqiu.ledger.open",le="0.025"} 1\n');
    expect(text).toContain('suqiu_job_duration_seconds_bucket{type="suqiu.ledger.open",le="0.5"} 2\n');
    expect(text).toContain('suqiu_job_duration_seconds_bucket{type="suqiu.ledger.open",le="+Inf"} 2\n');
    expect(text).toContain('suqiu_job_duration_seconds_count{type="suqiu.ledger.open"} 2\n');
    expect(text).toMatch(/suqiu_job_duration_seconds_sum\{type="suqiu\.ledger\.open"\} 0\.32\d*\n/);
    expect(text.endsWith('\n')).toBe(true);
  });

  it('escapes label values', () => {
    // given
    const metrics = new Metrics();

    // when
    metrics.jobHandled('a"b\\c\nd', 1);

    // then
    expect(metrics.render()).toContain('suqiu_jobs_handled_total{type="a\\"b\\\\c\\nd"} 1');
  });
});

describe('backoffMs', () => {
  it('doubles with each failure, up to five minutes', () => {
    // given / when / then
    expect([3, 2, 1].map((retries) => backoffMs(1000, retries))).toEqual([1000, 2000, 4000]);
    expect(backoffMs(60_000, 0, 10)).toBe(300_000);
  });
});
