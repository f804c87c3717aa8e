export interface BoundaryViolation {
  /** Path relative to the repository root, with forward slashes. */
  file: string;
  line: number;
  specifier: string;
  message: string;
}

export declare const ENGINE_DIR: string;
export declare const SERVER_DIR: string;
export declare const ENGINE_ALLOWED_PACKAGES: readonly string[];
export declare function isTestFile(relPath: string): boolean;
export declare function importsOf(source: string): { specifier: string; line: number }[];
export declare function checkSource(relPath: string, source: string): BoundaryViolation[];
export declare function findEngineBoundaryViolations(rootDir: string): BoundaryViolation[];
export declare function formatViolation(violation: BoundaryViolation): string;
