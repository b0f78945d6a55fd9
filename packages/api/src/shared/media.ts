/** Where the server serves a stored file (`GET /media/<key>`), as the API shows it; null for none. */
export function mediaUrl(key: string | null): string | null {
  return key ? `/media/${key}` : null;
}
