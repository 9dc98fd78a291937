package io.tidemq.console;

/** One API endpoint: answers a request with a value the console sends as JSON. */
@FunctionalInterface
interface Api {
    Object handle(ApiRequest request) throws Exception;
}
