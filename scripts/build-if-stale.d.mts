export declare const root: string;
export declare const CLIENT_OUT: string;
export declare const SERVER_OUT: string;
/**
 * Builds the client and the server when their output is missing or older than their sources.
 * Returns the labels of what it built; throws when a build fails.
 */
export declare function buildIfStale(options?: {
  log?: (message: string) => void;
  stdio?: 'inherit' | 'pipe';
}): string[];
