/** Kysely table types of the encryption layer (migration 0005_encryption). */

export interface UserKeysTable {
  user_id: string;
  password_salt: string;
  /** JSON PasswordHashing. */
  password_params: string;
  password_wrapped: string;
  recovery_salt: string;
  recovery_wrapped: string;
  created_at: string;
  updated_at: string;
}

export interface TagNamesTable {
  user_id: string;
  /** Keyed blind index (HMAC-SHA256) of the name: the value entry_tags.tag holds. */
  tag_index: string;
  /** The name, encrypted (m1 ciphertext bound to the user, "tag_names.name" and the index). */
  name: string;
}

export type VaultTables = {
  user_keys: UserKeysTable;
  tag_names: TagNamesTable;
};
