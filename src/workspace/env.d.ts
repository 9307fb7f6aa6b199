/// <reference types="astro/client" />
declare namespace App {
  interface Locals {
    me?: import("../core/units/jurisdiction.ts").PersonInBody;
    mustChange?: boolean;
    expired?: boolean;
    address: string;
  }
}
