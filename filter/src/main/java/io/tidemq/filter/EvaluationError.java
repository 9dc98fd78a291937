package io.tidemq.filter;

/**
 * A comparison 4.9 cannot make at run time (a property that is not a number where one is needed, a boolean on the
 * wrong side of a string): the message does not match. Raised and caught per message, so it carries no stack.
 */
final class EvaluationError extends RuntimeException {
    EvaluationError(String message) {
        super(message, null, false, false);
    }
}
