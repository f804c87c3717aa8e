/**
 * Work a process does in the background when woken (the mail outbox, webhooks): one pass at a time, after
 * the current event (a commit that woke it hands its connection back first); a wake during a pass makes one
 * more pass after it, so nothing woken for is missed and passes never overlap. A pass's failure goes to
 * `failed` (the next wake or poll tries again); `wake` never waits and never throws.
 */
export class BackgroundPasses {
  private running: Promise<void> | null = null;
  private again = false;
  private stoppedNow = false;

  constructor(
    private readonly pass: () => Promise<void>,
    private readonly failed: (error: unknown) => void,
  ) {}

  get stopped(): boolean {
    return this.stoppedNow;
  }

  wake(): void {
    if (this.stoppedNow) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.passes())
      .finally(() => {
        this.running = null;
      });
  }

  /** Resolves when no pass is running (tests, and stop). */
  async settled(): Promise<void> {
    while (this.running) await this.running;
  }

  /** No more wakes; the pass in flight finishes (it may look at `stopped` to end early). */
  async stop(): Promise<void> {
    this.stoppedNow = true;
    await this.settled();
  }

  private async passes(): Promise<void> {
    do {
      this.again = false;
      try {
        await this.pass();
      } catch (error) {
        this.failed(error);
      }
    } while (this.again && !this.stoppedNow);
  }
}
