/** A size in words: "100 MB" (MiB, as file managers count them) rather than 104857600 bytes; small sizes in bytes. */
export const megabytes = (bytes: number) => (bytes < 1024 * 1024 ? `${bytes} bytes` : `${Math.round(bytes / (1024 * 1024))} MB`);
