// Prometheus metrics, written by hand in the text exposition format 0.0.4:
//   suqiu_jobs_handled_total{type}     jobs completed
//   suqiu_jobs_failed_total{type}      jobs failed (retried or incident) or thrown as BPMN errors
//   suqiu_job_duration_seconds{type}   time in the handler, a histogram
//   suqiu_jobs_in_flight               jobs being handled now

export const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;

interface Histogram {
  buckets: number[];
  sum: number;
  count: number;
}

export class Metrics {
  private readonly handled = new Map<string, number>();
  private readonly failed = new Map<string, number>();
  private readonly durations = new Map<string, Histogram>();
  inFlight = 0;

  /** Starts the counters at 0 for these types, so every series exists from the start. */
  constructor(types: readonly string[] = []) {
    for (const type of types) {
      this.handled.set(type, 0);
      this.failed.set(type, 0);
      this.durations.set(type, { buckets: DURATION_BUCKETS.map(() => 0), sum: 0, count: 0 });
    }
  }

  jobHandled(type: string, seconds: number): void {
    this.handled.set(type, (this.handled.get(type) ?? 0) + 1);
    this.observe(type, seconds);
  }

  jobFailed(type: string, seconds: number): void {
    this.failed.set(type, (this.failed.get(type) ?? 0) + 1);
    this.observe(type, seconds);
  }

  handledCount(type: string): number {
    return this.handled.get(type) ?? 0;
  }

  failedCount(type: string): number {
    return this.failed.get(type) ?? 0;
  }

  private observe(type: string, seconds: number): void {
    const h = this.durations.get(type) ?? { buckets: DURATION_BUCKETS.map(() => 0), sum: 0, count: 0 };
    DURATION_BUCKETS.forEach((le, i) => {
      if (seconds <= le) h.buckets[i]! += 1;
    });
    h.sum += seconds;
    h.count += 1;
    this.durations.set(type, h);
  }

  /** The exposition text (Content-Type `text/plain; version=0.0.4`). */
  render(): string {
    const lines: string[] = [];
    const counter = (name: string, help: string, values: Map<string, number>): void => {
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} counter`);
      for (const [type, value] of sorted(values)) lines.push(`${name}{type="${escapeLabel(type)}"} ${value}`);
    };
    counter('suqiu_jobs_handled_total', 'Jobs the workers completed.', this.handled);
    counter('suqiu_jobs_failed_total', 'Jobs the workers failed or threw as BPMN errors.', this.failed);
    lines.push('# HELP suqiu_job_duration_seconds Time spent in a job handler.', '# TYPE suqiu_job_duration_seconds histogram');
    for (const [type, h] of sorted(this.durations)) {
      const label = `type="${escapeLabel(type)}"`;
      DURATION_BUCKETS.forEach((le, i) => lines.push(`suqiu_job_duration_seconds_bucket{${label},le="${le}"} ${h.buckets[i]}`));
      lines.push(`suqiu_job_duration_seconds_bucket{${label},le="+Inf"} ${h.count}`);
      lines.push(`suqiu_job_duration_seconds_sum{${label}} ${h.sum}`);
      lines.push(`suqiu_job_duration_seconds_count{${label}} ${h.count}`);
    }
    lines.push('# HELP suqiu_jobs_in_flight Jobs being handled now.', '# TYPE suqiu_jobs_in_flight gauge', `suqiu_jobs_in_flight ${this.inFlight}`);
    return `${lines.join('\n')}\n`;
  }
}

function sorted<V>(map: Map<string, V>): [string, V][] {
  return [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Label values escape backslash, double quote and line feed. */
export function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}
