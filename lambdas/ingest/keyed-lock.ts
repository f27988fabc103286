/**
 * Runs tasks one at a time per key, in the order they were queued. Lambda gives a container one invocation
 * at a time, but within it a flush (awaiting DynamoDB) and a delivery of the same service must not
 * interleave: the delivery would change the analysis between the outbox being written and the state commit.
 */
export class KeyedLock {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}
