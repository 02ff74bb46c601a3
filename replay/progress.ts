// Progress of a long run on the terminal: a bar redrawn in place on a TTY, a line every 5 %
// otherwise (CI logs).

export interface Progress {
  update(done: number, detail: string): void;
  end(): void;
}

export function progressBar(total: number, out: NodeJS.WriteStream = process.stderr): Progress {
  const started = Date.now();
  let lastStep = -1;
  const width = 30;
  const render = (done: number, detail: string): string => {
    const ratio = total === 0 ? 1 : done / total;
    const filled = Math.round(ratio * width);
    const elapsed = (Date.now() - started) / 1000;
    const eta = ratio > 0 ? elapsed / ratio - elapsed : 0;
    return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(ratio * 100).toFixed(0).padStart(3)}% ${detail} · ${clock(elapsed)} elapsed, ~${clock(eta)} left`;
  };
  return {
    update(done, detail) {
      if (out.isTTY) {
        out.write(`\r${render(done, detail)}\x1b[K`);
        return;
      }
      const step = Math.floor((done / Math.max(1, total)) * 20);
      if (step !== lastStep) {
        lastStep = step;
        out.write(`${render(done, detail)}\n`);
      }
    },
    end() {
      if (out.isTTY) out.write('\n');
    },
  };
}

function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}
