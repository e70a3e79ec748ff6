import { describe, expect, it } from "vitest";
import { eveningKey, parseEveningLocal } from "./eveningLocal";

describe("parseEveningLocal", () => {
  it("reads a stored evening", () => {
    expect(parseEveningLocal('{"sessionId":"s1","expectation":7}')).toEqual({
      sessionId: "s1",
      expectation: 7,
    });
  });
  it("ignores anything malformed or out of range", () => {
    for (const raw of [
      null,
      "",
      "{",
      '{"sessionId":"s1"}',
      '{"sessionId":"","expectation":3}',
      '{"sessionId":"s1","expectation":11}',
      '{"sessionId":"s1","expectation":2.5}',
    ])
      expect(parseEveningLocal(raw)).toBeNull();
  });
  it("keys by experiment and evening", () => {
    expect(eveningKey("x1", 5)).not.toBe(eveningKey("x1", 6));
  });
});
