/**
 * What `act` writes to stdout (Powertools' logger and metrics, the CLI's output), chunk by chunk, without
 * printing it; stdout is restored whatever `act` does.
 */
export async function captureStdout(act: () => Promise<unknown>): Promise<string[]> {
  const written: string[] = [];
  const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
  try {
    await act();
  } finally {
    write.mockRestore();
  }
  return written;
}
