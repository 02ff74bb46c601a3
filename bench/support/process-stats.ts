// What a benchmark reads about a child process from Linux's /proc: CPU time used and peak memory.

import { readFileSync } from 'node:fs';

const CLOCK_TICKS = 100; // USER_HZ, 100 on Linux

/** user + system CPU seconds a process has used so far; NaN when it cannot be read */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return Number.NaN;
  }
}

/** peak (VmHWM) and current (VmRSS) resident memory in MB */
export function residentMemory(pid: number): { peakMb: number; nowMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { peakMb: Math.round(kb('VmHWM') / 1024), nowMb: Math.round(kb('VmRSS') / 1024) };
}
