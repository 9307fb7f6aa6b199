/**
 * Bodies (unit × organisation) and their focal points (đầu mối, plan IV.1):
 * `content/bodies/<unit-id>/<organisation-id>.yaml`. The body's id is
 * `<unit-id>/<organisation-id>`, taken from the path.
 */
import { z } from "zod";
import { label, slug } from "./base.ts";

const ageRecipient = z.string().regex(/^age1[0-9a-z]{20,}$/, { message: "Khóa công khai age có dạng age1… (chữ thường, chữ số)" });

/**
 * A focal point's contacts kept out of the repository (issue 13): the fields
 * `phone`, `email`, `zalo`, `facebook` as YAML, encrypted with age to the
 * province's publishing keys and the body's own `public_keys`. Written by
 * `dan-y seal --contacts`, opened only by the machine that builds the internal
 * site (`DAN_Y_PUBLISH_KEY_FILE`).
 */
export const sealedContactsSchema = z.strictObject({
  /** The age keys it is encrypted to (age hides them in the file; `check` compares them with the data). Example: `[age1ql3z7hjy…]`. */
  recipients: z.array(ageRecipient).min(1),
  /** Armoured age text. Example: `"-----BEGIN AGE ENCRYPTED FILE-----\nYWdl…\n-----END AGE ENCRYPTED FILE-----\n"`. */
  ciphertext: z.string().regex(/^-----BEGIN AGE ENCRYPTED FILE-----/, { message: "Dữ liệu mã hóa age bắt đầu bằng -----BEGIN AGE ENCRYPTED FILE-----" }),
});

/** A person who receives and sends information for the body. */
export const focalPointSchema = z.strictObject({
  /** Unique person id, used with `--as` in commands. Example: `ht-mttq-tran-thi-lan`. */
  id: slug,
  /** Full name. Example: `Trần Thị Lan`. */
  name: label,
  /** Position. Example: `Phó Chủ tịch Ủy ban MTTQ xã`. */
  title: label,
  /** Phone number. Example: `"0912 345 678"`. */
  phone: z
    .string()
    .regex(/^\+?[0-9 .]{8,16}$/, { message: "Số điện thoại gồm 8–16 chữ số" })
    .optional(),
  /** E-mail address. Example: `lan.mttq@example.vn`. */
  email: z.email({ message: "Địa chỉ thư điện tử không hợp lệ" }).optional(),
  /** Zalo number or name. Example: `"0912345678"`. */
  zalo: z.string().trim().min(1).optional(),
  /** Facebook profile or page address. Example: `https://facebook.com/mttq.kyhoa`. */
  facebook: z.string().trim().min(1).optional(),
  /**
   * The account this person signs in to the Git server with (the server's
   * `REMOTE_USER`, a forge login, or the name an SSH key is mapped to); the hook
   * and the workspace act as the focal point whose account pushed. Defaults to
   * the id. Example: `lan.mttq`.
   */
  account: z
    .string()
    .regex(/^[A-Za-z0-9._@-]{1,64}$/, { message: "Tên tài khoản chỉ gồm chữ không dấu, chữ số, dấu chấm, gạch dưới, @ và gạch ngang" })
    .optional(),
  /**
   * This person's contacts (`phone`, `email`, `zalo`, `facebook`) encrypted, in
   * place of the plain fields, where the province chose to keep them out of the
   * repository (`publishing_keys`). Written by `dan-y seal --contacts`. Example:
   * `{ recipients: [age1ql3z7hjy…], ciphertext: "-----BEGIN AGE ENCRYPTED FILE-----…" }`.
   */
  sealed_contacts: sealedContactsSchema.optional(),
});

/** Someone a body's reports are sent to (nơi nhận), as written under "Nơi nhận:". */
export const recipientSchema = z.strictObject({
  /** Stable id, named by a report's `sent_to`. Example: `tinh-uy`. */
  id: slug,
  /** Name as printed under "Nơi nhận:". Example: `Thường trực Tỉnh ủy Hà Tĩnh`. */
  name: label,
});

/** Who signs a report, as printed in the signature block. */
export const signerSchema = z.strictObject({
  /** Full name. Example: `Hà Văn Hùng`. */
  name: label,
  /**
   * Position, in capitals as printed under the signing board. A deputy signs
   * "KT." for the head. Example: `CHỦ TỊCH` (or `PHÓ CHỦ TỊCH`).
   */
  position: label,
});

export const bodySchema = z.strictObject({
  /** The focal points of this body; the first is the main one. */
  focal_points: z.array(focalPointSchema).min(1, { message: "Cần ít nhất một đầu mối" }),
  /**
   * Bodies this one reports to, as `<unit-id>/<organisation-id>`. Leave out to use
   * the default: the lead organisation (MTTQ) of the parent unit and the same
   * organisation of the parent unit. Example: `[ha-tinh/mttq]`.
   */
  reports_to: z.array(z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/, { message: "Dạng <mã-đơn-vị>/<mã-tổ-chức>" })).optional(),
  /**
   * Focal point ids (of any body) who approve changes to `units/`, `bodies/` and
   * the reference lists. Read only on the lead organisation's body of a root unit
   * (the provincial MTTQ); the server hook refuses such changes approved by
   * anyone else. Example: `[ha-tinh-mttq-hoang-quang-quan]`.
   */
  administrators: z.array(slug).optional(),
  /**
   * Whom this body's reports go to ("Nơi nhận:"), in print order. Leave out to use
   * the default of the plan (section IV.2): the bodies in `reports_to`, the
   * same-level Party committee and government (for the lead organisation at a unit
   * with a government), the Central Committee at the top. Example:
   * `[{ id: tinh-uy, name: Thường trực Tỉnh ủy Hà Tĩnh }, { id: ubnd-tinh, name: UBND tỉnh Hà Tĩnh }]`.
   */
  recipients: z.array(recipientSchema).min(1).optional(),
  /** Who signs the body's reports unless a report names its own signer. Example: `{ name: Hà Văn Hùng, position: CHỦ TỊCH }`. */
  signer: signerSchema.optional(),
  /**
   * The body's age public keys (`age1…`, from `dan-y keys generate`). Restricted
   * observations are stored encrypted to the keys of the writing body and of the
   * bodies up its reporting line; the matching private keys live only in a key
   * folder outside the repository (`DAN_Y_KEY_DIR`). Change a key, then run
   * `dan-y seal` to re-encrypt. Example: `[age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p]`.
   */
  public_keys: z.array(ageRecipient).min(1).optional(),
  /**
   * The age public keys of the machine that builds the internal site. Read only
   * on the lead organisation's body of a root unit (the provincial MTTQ), like
   * `administrators`: declaring them is the province's choice to keep every
   * focal point's contacts of its units out of the repository. `check` then
   * requires them sealed (`dan-y seal --contacts`) to these keys and the body's
   * own `public_keys`; the site build opens them with `DAN_Y_PUBLISH_KEY_FILE`.
   * Example: `[age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p]`.
   */
  publishing_keys: z.array(ageRecipient).min(1).optional(),
});

export type FocalPoint = z.infer<typeof focalPointSchema>;
export type Recipient = z.infer<typeof recipientSchema>;
export type SealedContacts = z.infer<typeof sealedContactsSchema>;
export type Signer = z.infer<typeof signerSchema>;
export type Body = z.infer<typeof bodySchema> & {
  /** `<unit-id>/<organisation-id>`, from the path. */
  id: string;
  unit: string;
  organisation: string;
};
