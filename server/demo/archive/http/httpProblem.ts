/**
 * Failures the archive answers with, as an HTTP status and a reason (PS3.18 §8.5 Status Codes): 400 for a
 * malformed request, 404 for an unknown resource, 406 when no acceptable media type can be produced.
 */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'HttpProblem';
  }
}

export const badRequest = (message: string): HttpProblem => new HttpProblem(400, message);
export const notFound = (message: string): HttpProblem => new HttpProblem(404, message);
export const notAcceptable = (message: string): HttpProblem => new HttpProblem(406, message);
