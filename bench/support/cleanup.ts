// What a benchmark must undo however it ends (the server process, the database it created).
/** Things to undo at the end, in reverse order, once; also on SIGINT/SIGTERM. */
export class Cleanup {
  private readonly steps: (() => Promise<unknown>)[] = [];
  private running: Promise<void> | undefined;
  private readonly onSignal = () => {
    process.stderr.write('\ninterrupted: cleaning up\n');
    void this.run().finally(() => process.exit(130));
  };

  constructor() {
    process.once('SIGINT', this.onSignal);
    process.once('SIGTERM', this.onSignal);
  }

  add(step: () => Promise<unknown>) {
    this.steps.push(step);
  }

  run(): Promise<void> {
    this.running ??= (async () => {
      process.off('SIGINT', this.onSignal);
      process.off('SIGTERM', this.onSignal);
      for (const step of this.steps.reverse()) {
        await step().catch((err) => process.stderr.write(`cleanup: ${String(err)}\n`));
      }
    })();
    return this.running;
  }
}
