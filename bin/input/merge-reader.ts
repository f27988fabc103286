/**
 * A k-way merge of event sources by timestamp: a min-heap holds the next event of each source,
 * so memory grows with the number of sources, not with the number of events. Each source is
 * assumed to be (roughly) in time order already; ties go to the source listed first.
 */
import type { LogEvent } from '../../lambdas/core/schemas';

interface Head {
  readonly event: LogEvent;
  readonly source: number;
}

const before = (a: Head, b: Head): boolean =>
  a.event.timestamp < b.event.timestamp || (a.event.timestamp === b.event.timestamp && a.source < b.source);

function siftDown(heap: Head[], index: number): void {
  const size = heap.length;
  const item = heap[index] as Head;
  let at = index;
  for (;;) {
    const left = 2 * at + 1;
    if (left >= size) break;
    const right = left + 1;
    const child = right < size && before(heap[right] as Head, heap[left] as Head) ? right : left;
    if (!before(heap[child] as Head, item)) break;
    heap[at] = heap[child] as Head;
    at = child;
  }
  heap[at] = item;
}

function siftUp(heap: Head[], index: number): void {
  const item = heap[index] as Head;
  let at = index;
  while (at > 0) {
    const parent = (at - 1) >> 1;
    if (!before(item, heap[parent] as Head)) break;
    heap[at] = heap[parent] as Head;
    at = parent;
  }
  heap[at] = item;
}

/** Events of all `sources` in time order. Abandoning the merge closes every source. */
export async function* mergeByTimestamp(
  sources: readonly AsyncIterable<LogEvent>[],
): AsyncGenerator<LogEvent, void, undefined> {
  const iterators = sources.map((source) => source[Symbol.asyncIterator]());
  const heap: Head[] = [];
  try {
    // Sources start one after the other: each opens a file, and order keeps errors deterministic.
    for (const [source, iterator] of iterators.entries()) {
      const next = await iterator.next();
      if (next.done !== true) {
        heap.push({ event: next.value, source });
        siftUp(heap, heap.length - 1);
      }
    }
    while (heap.length > 0) {
      const top = heap[0] as Head;
      yield top.event;
      const next = await (iterators[top.source] as AsyncIterator<LogEvent>).next();
      if (next.done === true) {
        const last = heap.pop() as Head;
        if (heap.length === 0) break;
        heap[0] = last;
      } else {
        heap[0] = { event: next.value, source: top.source };
      }
      siftDown(heap, 0);
    }
  } finally {
    await Promise.all(iterators.map((iterator) => iterator.return?.()));
  }
}
