import { describe, expect, it } from "vitest";
import { budgetAddress } from "./address-key";

describe("budgetAddress: the key an address's attempt budgets are kept under", () => {
  it("keys IPv6 on its /64, however the address is written", () => {
    for (const written of [
      "2001:db8:1:2::1",
      "2001:DB8:1:2::ABCD",
      "2001:0db8:0001:0002:ffff:ffff:ffff:ffff",
      "2001:db8:1:2:0:0:0:0",
      "[2001:db8:1:2::7]",
      "2001:db8:1:2::192.0.2.1",
    ]) {
      expect(budgetAddress(written), written).toBe("2001:db8:1:2::/64");
    }
    expect(budgetAddress("2001:db8:1:3::1")).toBe("2001:db8:1:3::/64");
    expect(budgetAddress("::1")).toBe("0:0:0:0::/64");
    expect(budgetAddress("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
  });

  it("reads an IPv4-mapped IPv6 address as the IPv4 address", () => {
    expect(budgetAddress("::ffff:192.0.2.1")).toBe("192.0.2.1");
    expect(budgetAddress("::FFFF:192.0.2.1")).toBe("192.0.2.1");
    expect(budgetAddress("0:0:0:0:0:ffff:c000:0201")).toBe("192.0.2.1");
    expect(budgetAddress("192.0.2.1")).toBe("192.0.2.1");
  });

  it("keeps anything that is not an IP address as it is", () => {
    expect(budgetAddress("unknown")).toBe("unknown");
    expect(budgetAddress("not:an:address")).toBe("not:an:address");
  });
});
