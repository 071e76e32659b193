/** The programmatic API of @doyensec/electronegativity (it ships no types), as far as we use it. */
declare module '@doyensec/electronegativity' {
  export interface Level {
    name: string;
    value: number;
  }
  export interface Finding {
    id: string;
    file: string;
    location: { line: number; column: number };
    sample?: string;
    description: string;
    shortenedURL: string;
    severity: Level;
    confidence: Level;
    manualReview: boolean;
  }
  export interface RunOptions {
    input: string;
    output?: string;
    isSarif?: boolean;
    customScan?: string[];
    excludeFromScan?: string[];
    severitySet?: string;
    confidenceSet?: string;
    isRelative?: boolean;
    electronVersionOverride?: string;
    parserPlugins?: string[];
  }
  export interface RunResult {
    globalChecks: number;
    atomicChecks: number;
    errors: { file: string; message: string; tolerable: boolean }[];
    issues: Finding[];
  }
  export default function run(options: RunOptions): Promise<RunResult>;
}
