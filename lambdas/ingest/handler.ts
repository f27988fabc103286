// placeholder: written by the ingest/rank work; see issue 4
export async function handler(_event: unknown): Promise<never> {
  throw new Error('not implemented yet');
}
