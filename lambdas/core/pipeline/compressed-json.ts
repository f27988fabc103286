import { brotliCompressSync, brotliDecompressSync, constants, gunzipSync } from 'node:zlib';

/**
 * Brotli quality of stored JSON. DynamoDB bills a write unit per KB, so the ingest state is compressed hard:
 * on a 122-template state (153 KB of JSON) quality 6 gives 31.9 KB in 3.6 ms, gzip level 1 43.3 KB in 1.1 ms;
 * qualities 7–11 save 1–5 KB more for 8–170 ms, too slow for a shutdown flush.
 * @default 6
 */
export const JSON_BROTLI_QUALITY = 6;

const GZIP_MAGIC = [0x1f, 0x8b] as const;

/** The bytes begin with gzip's header. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1];
}

/** JSON of `value`, brotli-compressed. */
export function compressJson(value: unknown): Buffer {
  const text = Buffer.from(JSON.stringify(value), 'utf8');
  return brotliCompressSync(text, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: JSON_BROTLI_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: text.length,
      // At most 22 (brotli's default), the stream's first four bits can never read 0xf, so no stream written
      // here starts like gzip's 1f 8b (a window of 2^24 would).
      [constants.BROTLI_PARAM_LGWIN]: 22,
    },
  });
}

/**
 * The JSON text of bytes written by {@link compressJson}, or by gzip (items written before brotli; a gzip
 * stream starts with 1f 8b, which no stream compressJson writes does). Throws zlib's error when the bytes are
 * neither.
 */
export function decompressJsonText(bytes: Uint8Array): string {
  return (isGzip(bytes) ? gunzipSync(bytes) : brotliDecompressSync(bytes)).toString('utf8');
}
