/** `seedance-flow schema`: the graph file's JSON Schema, generated from the zod schema. */
import { graphJsonSchemaText } from '../../../shared/graph';
import { EXIT, type ExitCode } from '../exit-codes';
import type { Printer } from '../output/printer';

export function schemaCommand(printer: Printer): ExitCode {
  printer.out(graphJsonSchemaText());
  return EXIT.ok;
}
