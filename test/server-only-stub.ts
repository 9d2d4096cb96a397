// Vitest runs server modules outside Next; 'server-only' only matters to the bundler.
export {};
