/**
 * Filter → SQL conformance table. Each case pins the WHERE fragment the compiler emits per dialect (text
 * and parameters) and the fixture ids (see support/filter-fixtures.ts) the filter selects on a real file.
 */
export interface CompiledSql {
  readonly sql: string;
  readonly parameters: readonly unknown[];
}

export interface FilterSqlCase {
  readonly title: string;
  readonly resourceType: 'User' | 'Group';
  readonly filter: string;
  readonly sql: { readonly sqlite: CompiledSql; readonly postgres: CompiledSql };
  /** Ids of the matching fixture resources, sorted. */
  readonly matches: readonly string[];
}

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const ACME = 'urn:example:params:scim:schemas:extension:acme:2.0:User';

export const FILTER_SQL_CASES: readonly FilterSqlCase[] = [
  {
    title: 'RFC 7644 §3.4.2.2 eq on userName (caseExact false) compares the lower-cased key column',
    resourceType: 'User',
    filter: 'userName eq "ALICE@example.com"',
    sql: {
      sqlite: { sql: '"users"."user_name_key" = ?', parameters: ['alice@example.com'] },
      postgres: { sql: '"users"."user_name_key" = $1', parameters: ['alice@example.com'] },
    },
    matches: ['alice'],
  },
  {
    title: 'RFC 7643 §2.2 caseExact false is Unicode-aware: Cyrillic userName matches in any case',
    resourceType: 'User',
    filter: 'userName eq "дмитрий@EXAMPLE.com"',
    sql: {
      sqlite: { sql: '"users"."user_name_key" = ?', parameters: ['дмитрий@example.com'] },
      postgres: { sql: '"users"."user_name_key" = $1', parameters: ['дмитрий@example.com'] },
    },
    matches: ['dave'],
  },
  {
    title: 'RFC 7643 §3.1 externalId is caseExact: a different case does not match',
    resourceType: 'User',
    filter: 'externalId eq "ext-alice"',
    sql: {
      sqlite: { sql: '"users"."external_id" = ?', parameters: ['ext-alice'] },
      postgres: { sql: '"users"."external_id" = $1', parameters: ['ext-alice'] },
    },
    matches: [],
  },
  {
    title: 'RFC 7643 §3.1 externalId eq matches its exact value',
    resourceType: 'User',
    filter: 'externalId eq "ext-Alice"',
    sql: {
      sqlite: { sql: '"users"."external_id" = ?', parameters: ['ext-Alice'] },
      postgres: { sql: '"users"."external_id" = $1', parameters: ['ext-Alice'] },
    },
    matches: ['alice'],
  },
  {
    title: 'RFC 7643 §3.1 id eq uses the primary key',
    resourceType: 'User',
    filter: 'id eq "bob"',
    sql: {
      sqlite: { sql: '"users"."id" = ?', parameters: ['bob'] },
      postgres: { sql: '"users"."id" = $1', parameters: ['bob'] },
    },
    matches: ['bob'],
  },
  {
    title: 'RFC 7644 §3.4.2.2 co on displayName is a case-insensitive LIKE on the key',
    resourceType: 'User',
    filter: 'displayName co "ÅNGSTR"',
    sql: {
      sqlite: { sql: '"users"."display_name_key" like ? escape \'\\\'', parameters: ['%ångstr%'] },
      postgres: { sql: '"users"."display_name_key" like $1 escape \'\\\'', parameters: ['%ångstr%'] },
    },
    matches: ['alice'],
  },
  {
    title: 'RFC 7644 §3.4.2.2 co treats % and _ in the value literally',
    resourceType: 'User',
    filter: 'displayName co "100%_"',
    sql: {
      sqlite: { sql: '"users"."display_name_key" like ? escape \'\\\'', parameters: ['%100\\%\\_%'] },
      postgres: { sql: '"users"."display_name_key" like $1 escape \'\\\'', parameters: ['%100\\%\\_%'] },
    },
    matches: ['bob'],
  },
  {
    title: 'RFC 7644 §3.4.2.2 co: an _ in the value is no single-character wildcard',
    resourceType: 'User',
    filter: 'displayName co "1_0"',
    sql: {
      sqlite: { sql: '"users"."display_name_key" like ? escape \'\\\'', parameters: ['%1\\_0%'] },
      postgres: { sql: '"users"."display_name_key" like $1 escape \'\\\'', parameters: ['%1\\_0%'] },
    },
    matches: [],
  },
  {
    title: 'RFC 7644 §3.4.2.2 sw on an indexed key compiles to a range',
    resourceType: 'User',
    filter: 'userName sw "B"',
    sql: {
      sqlite: {
        sql: '("users"."user_name_key" >= ? and "users"."user_name_key" < ?)',
        parameters: ['b', 'c'],
      },
      postgres: {
        sql: '("users"."user_name_key" >= $1 and "users"."user_name_key" < $2)',
        parameters: ['b', 'c'],
      },
    },
    matches: ['bob'],
  },
  {
    title: 'RFC 7644 §3.4.2.2 ew on userName',
    resourceType: 'User',
    filter: 'userName ew "@EXAMPLE.COM"',
    sql: {
      sqlite: { sql: '"users"."user_name_key" like ? escape \'\\\'', parameters: ['%@example.com'] },
      postgres: { sql: '"users"."user_name_key" like $1 escape \'\\\'', parameters: ['%@example.com'] },
    },
    matches: ['alice', 'bob', 'carol', 'dave', 'erin'],
  },
  {
    title: 'RFC 7644 §3.4.2.2 eq true on a boolean',
    resourceType: 'User',
    filter: 'active eq true',
    sql: {
      sqlite: { sql: '"users"."active" = ?', parameters: [1] },
      postgres: { sql: '"users"."active" = $1', parameters: [1] },
    },
    matches: ['alice', 'carol', 'erin'],
  },
  {
    title: 'RFC 7644 §3.4.2.2 eq false on a boolean',
    resourceType: 'User',
    filter: 'active eq false',
    sql: {
      sqlite: { sql: '"users"."active" = ?', parameters: [0] },
      postgres: { sql: '"users"."active" = $1', parameters: [0] },
    },
    matches: ['bob'],
  },
  {
    title: 'RFC 7644 §3.4.2.2 pr on a column: absent values do not match',
    resourceType: 'User',
    filter: 'active pr',
    sql: {
      sqlite: { sql: '"users"."active" is not null', parameters: [] },
      postgres: { sql: '"users"."active" is not null', parameters: [] },
    },
    matches: ['alice', 'bob', 'carol', 'erin'],
  },
  {
    title: 'RFC 7644 §3.4.2.2 not: an absent value fails the inner test, so not matches it',
    resourceType: 'User',
    filter: 'not (active eq true)',
    sql: {
      sqlite: { sql: 'not coalesce("users"."active" = ?, false)', parameters: [1] },
      postgres: { sql: 'not coalesce("users"."active" = $1, false)', parameters: [1] },
    },
    matches: ['bob', 'dave'],
  },
  {
    title: 'RFC 7644 §3.4.2.2 ne is not eq: a user without the attribute matches',
    resourceType: 'User',
    filter: 'active ne true',
    sql: {
      sqlite: { sql: 'not coalesce("users"."active" = ?, false)', parameters: [1] },
      postgres: { sql: 'not coalesce("users"."active" = $1, false)', parameters: [1] },
    },
    matches: ['bob', 'dave'],
  },
  {
    title: 'RFC 7644 §3.4.2.2 pr on a JSON string: the empty string is not a value',
    resourceType: 'User',
    filter: 'title pr',
    sql: {
      sqlite: {
        sql: '(case json_type("users"."data", ?) when \'text\' then json_extract("users"."data", ?) <> \'\' when \'array\' then json_array_length("users"."data", ?) > 0 when \'object\' then json_extract("users"."data", ?) <> \'{}\' else coalesce(json_type("users"."data", ?) <> \'null\', false) end)',
        parameters: ['$.title', '$.title', '$.title', '$.title', '$.title'],
      },
      postgres: {
        sql: '(case jsonb_typeof(("users"."data" #> $1)) when \'string\' then ("users"."data" #> $2) <> \'""\' when \'array\' then ("users"."data" #> $3) <> \'[]\' when \'object\' then ("users"."data" #> $4) <> \'{}\' else coalesce(jsonb_typeof(("users"."data" #> $5)) <> \'null\', false) end)',
        parameters: [['title'], ['title'], ['title'], ['title'], ['title']],
      },
    },
    matches: ['alice'],
  },
  {
    title: 'RFC 7643 §2.5 eq null matches resources without a value',
    resourceType: 'User',
    filter: 'title eq null',
    sql: {
      sqlite: {
        sql: 'not coalesce((case json_type("users"."data", ?) when \'text\' then json_extract("users"."data", ?) <> \'\' when \'array\' then json_array_length("users"."data", ?) > 0 when \'object\' then json_extract("users"."data", ?) <> \'{}\' else coalesce(json_type("users"."data", ?) <> \'null\', false) end), false)',
        parameters: ['$.title', '$.title', '$.title', '$.title', '$.title'],
      },
      postgres: {
        sql: 'not coalesce((case jsonb_typeof(("users"."data" #> $1)) when \'string\' then ("users"."data" #> $2) <> \'""\' when \'array\' then ("users"."data" #> $3) <> \'[]\' when \'object\' then ("users"."data" #> $4) <> \'{}\' else coalesce(jsonb_typeof(("users"."data" #> $5)) <> \'null\', false) end), false)',
        parameters: [['title'], ['title'], ['title'], ['title'], ['title']],
      },
    },
    matches: ['bob', 'carol', 'dave', 'erin'],
  },
  {
    title: 'RFC 7644 §3.4.2.2 emails.value eq uses user_emails and its index, case-insensitively',
    resourceType: 'User',
    filter: 'emails.value eq "bob@example.com"',
    sql: {
      sqlite: {
        sql: '"users"."id" in (select "el"."user_id" from "user_emails" as "el" where "el"."tenant_id" = ? and "el"."value_key" = ?)',
        parameters: ['tenant-a', 'bob@example.com'],
      },
      postgres: {
        sql: '"users"."id" in (select "el"."user_id" from "user_emails" as "el" where "el"."tenant_id" = $1 and "el"."value_key" = $2)',
        parameters: ['tenant-a', 'bob@example.com'],
      },
    },
    matches: ['bob'],
  },
  {
    title: 'RFC 7644 §3.4.2.2 emails.type eq matches any of a user’s emails',
    resourceType: 'User',
    filter: 'emails.type eq "HOME"',
    sql: {
      sqlite: {
        sql: 'exists (select 1 from "user_emails" as "el" where "el"."tenant_id" = ? and "el"."user_id" = "users"."id" and "el"."type_key" = ?)',
        parameters: ['tenant-a', 'home'],
      },
      postgres: {
        sql: 'exists (select 1 from "user_emails" as "el" where "el"."tenant_id" = $1 and "el"."user_id" = "users"."id" and "el"."type_key" = $2)',
        parameters: ['tenant-a', 'home'],
      },
    },
    matches: ['alice'],
  },
  {
    title: 'RFC 7644 §3.4.2.2 ne on a multi-valued attribute: no value equals it',
    resourceType: 'User',
    filter: 'emails.type ne "work"',
    sql: {
      sqlite: {
        sql: 'not coalesce(exists (select 1 from "user_emails" as "el" where "el"."tenant_id" = ? and "el"."user_id" = "users"."id" and "el"."type_key" = ?), false)',
        parameters: ['tenant-a', 'work'],
      },
      postgres: {
        sql: 'not coalesce(exists (select 1 from "user_emails" as "el" where "el"."tenant_id" = $1 and "el"."user_id" = "users"."id" and "el"."type_key" = $2), false)',
        parameters: ['tenant-a', 'work'],
      },
    },
    matches: ['dave', 'erin'],
  },
  {
    title: 'RFC 7644 §3.4.2.2 valuePath: both conditions hold for one email',
    resourceType: 'User',
    filter: 'emails[type eq "work" and value ew "example.com"]',
    sql: {
      sqlite: {
        sql: 'exists (select 1 from "user_emails" as "el" where "el"."tenant_id" = ? and "el"."user_id" = "users"."id" and ("el"."type_key" = ? and "el"."value_key" like ? escape \'\\\'))',
        parameters: ['tenant-a', 'work', '%example.com'],
      },
      postgres: {
        sql: 'exists (select 1 from "user_emails" as "el" where "el"."tenant_id" = $1 and "el"."user_id" = "users"."id" and ("el"."type_key" = $2 and "el"."value_key" like $3 escape \'\\\'))',
        parameters: ['tenant-a', 'work', '%example.com'],
      },
    },
    matches: ['alice', 'bob'],
  },
  {
    title: 'RFC 7644 §3.4.2.2 valuePath: conditions met by different emails do not match',
    resourceType: 'User',
    filter: 'emails[type eq "home" and value sw "alice@example"]',
    sql: {
      sqlite: {
        sql: '"users"."id" in (select "el"."user_id" from "user_emails" as "el" where "el"."tenant_id" = ? and ("el"."type_key" = ? and ("el"."value_key" >= ? and "el"."value_key" < ?)))',
        parameters: ['tenant-a', 'home', 'alice@example', 'alice@examplf'],
      },
      postgres: {
        sql: '"users"."id" in (select "el"."user_id" from "user_emails" as "el" where "el"."tenant_id" = $1 and ("el"."type_key" = $2 and ("el"."value_key" >= $3 and "el"."value_key" < $4)))',
        parameters: ['tenant-a', 'home', 'alice@example', 'alice@examplf'],
      },
    },
    matches: [],
  },
  {
    title: 'RFC 7644 §3.4.2.2 valuePath on a sub-attribute without a column falls back to json_each',
    resourceType: 'User',
    filter: 'emails[display co "x"]',
    sql: {
      sqlite: {
        sql: 'exists (select 1 from json_each("users"."data", ?) as "el" where scim_lower(json_extract("el"."value", ?)) like ? escape \'\\\')',
        parameters: ['$.emails', '$.display', '%x%'],
      },
      postgres: {
        sql: 'exists (select 1 from jsonb_array_elements((case jsonb_typeof(("users"."data" #> $1)) when \'array\' then ("users"."data" #> $2) end)) with ordinality as "el"(value, key) where lower((case jsonb_typeof(("el"."value" #> $3)) when \'string\' then (("el"."value" #> $4) #>> \'{}\') end)) like $5 escape \'\\\')',
        parameters: [['emails'], ['emails'], ['display'], ['display'], '%x%'],
      },
    },
    matches: ['erin'],
  },
  {
    title: 'RFC 7644 §3.4.2.2 pr on a multi-valued attribute: at least one value',
    resourceType: 'User',
    filter: 'emails pr',
    sql: {
      sqlite: {
        sql: 'exists (select 1 from "user_emails" as "el" where "el"."tenant_id" = ? and "el"."user_id" = "users"."id")',
        parameters: ['tenant-a'],
      },
      postgres: {
        sql: 'exists (select 1 from "user_emails" as "el" where "el"."tenant_id" = $1 and "el"."user_id" = "users"."id")',
        parameters: ['tenant-a'],
      },
    },
    matches: ['alice', 'bob', 'carol', 'erin'],
  },
  {
    title: 'RFC 7644 §3.4.2.2 not (emails pr): users without emails',
    resourceType: 'User',
    filter: 'not (emails pr)',
    sql: {
      sqlite: {
        sql: 'not coalesce(exists (select 1 from "user_emails" as "el" where "el"."tenant_id" = ? and "el"."user_id" = "users"."id"), false)',
        parameters: ['tenant-a'],
      },
      postgres: {
        sql: 'not coalesce(exists (select 1 from "user_emails" as "el" where "el"."tenant_id" = $1 and "el"."user_id" = "users"."id"), false)',
        parameters: ['tenant-a'],
      },
    },
    matches: ['dave'],
  },
  {
    title: 'RFC 7644 §3.4.2.2 valuePath over phoneNumbers (JSON)',
    resourceType: 'User',
    filter: 'phoneNumbers[type eq "mobile"]',
    sql: {
      sqlite: {
        sql: 'exists (select 1 from json_each("users"."data", ?) as "el" where scim_lower(json_extract("el"."value", ?)) = ?)',
        parameters: ['$.phoneNumbers', '$.type', 'mobile'],
      },
      postgres: {
        sql: 'exists (select 1 from jsonb_array_elements((case jsonb_typeof(("users"."data" #> $1)) when \'array\' then ("users"."data" #> $2) end)) with ordinality as "el"(value, key) where lower((case jsonb_typeof(("el"."value" #> $3)) when \'string\' then (("el"."value" #> $4) #>> \'{}\') end)) = $5)',
        parameters: [['phoneNumbers'], ['phoneNumbers'], ['type'], ['type'], 'mobile'],
      },
    },
    matches: ['alice'],
  },
  {
    title: 'RFC 7644 §3.4.2.2 co on phoneNumbers.value (JSON)',
    resourceType: 'User',
    filter: 'phoneNumbers.value co "0199"',
    sql: {
      sqlite: {
        sql: 'exists (select 1 from json_each("users"."data", ?) as "el" where scim_lower(json_extract("el"."value", ?)) like ? escape \'\\\')',
        parameters: ['$.phoneNumbers', '$.value', '%0199%'],
      },
      postgres: {
        sql: 'exists (select 1 from jsonb_array_elements((case jsonb_typeof(("users"."data" #> $1)) when \'array\' then ("users"."data" #> $2) end)) with ordinality as "el"(value, key) where lower((case jsonb_typeof(("el"."value" #> $3)) when \'string\' then (("el"."value" #> $4) #>> \'{}\') end)) like $5 escape \'\\\')',
        parameters: [['phoneNumbers'], ['phoneNumbers'], ['value'], ['value'], '%0199%'],
      },
    },
    matches: ['bob'],
  },
  {
    title: 'RFC 7644 §3.4.2.2 valuePath over addresses with two sub-attributes',
    resourceType: 'User',
    filter: 'addresses[locality eq "berlin" and country eq "de"]',
    sql: {
      sqlite: {
        sql: 'exists (select 1 from json_each("users"."data", ?) as "el" where (scim_lower(json_extract("el"."value", ?)) = ? and scim_lower(json_extract("el"."value", ?)) = ?))',
        parameters: ['$.addresses', '$.locality', 'berlin', '$.country', 'de'],
      },
      postgres: {
        sql: 'exists (select 1 from jsonb_array_elements((case jsonb_typeof(("users"."data" #> $1)) when \'array\' then ("users"."data" #> $2) end)) with ordinality as "el"(value, key) where (lower((case jsonb_typeof(("el"."value" #> $3)) when \'string\' then (("el"."value" #> $4) #>> \'{}\') end)) = $5 and lower((case jsonb_typeof(("el"."value" #> $6)) when \'string\' then (("el"."value" #> $7) #>> \'{}\') end)) = $8))',
        parameters: [
          ['addresses'],
          ['addresses'],
          ['locality'],
          ['locality'],
          'berlin',
          ['country'],
          ['country'],
          'de',
        ],
      },
    },
    matches: ['alice'],
  },
  {
    title: 'RFC 7644 §3.4.2.2 sw on a complex sub-attribute in JSON, case-insensitive',
    resourceType: 'User',
    filter: 'name.givenName sw "DM"',
    sql: {
      sqlite: {
        sql: 'scim_lower(json_extract("users"."data", ?)) like ? escape \'\\\'',
        parameters: ['$.name.givenName', 'dm%'],
      },
      postgres: {
        sql: 'lower((case jsonb_typeof(("users"."data" #> $1)) when \'string\' then (("users"."data" #> $2) #>> \'{}\') end)) like $3 escape \'\\\'',
        parameters: [['name', 'givenName'], ['name', 'givenName'], 'dm%'],
      },
    },
    matches: ['dave'],
  },
  {
    title: 'RFC 7643 §2.2 scim_lower folds non-ASCII JSON values',
    resourceType: 'User',
    filter: 'name.familyName eq "ÅNGSTRÖM"',
    sql: {
      sqlite: {
        sql: 'scim_lower(json_extract("users"."data", ?)) = ?',
        parameters: ['$.name.familyName', 'ångström'],
      },
      postgres: {
        sql: 'lower((case jsonb_typeof(("users"."data" #> $1)) when \'string\' then (("users"."data" #> $2) #>> \'{}\') end)) = $3',
        parameters: [['name', 'familyName'], ['name', 'familyName'], 'ångström'],
      },
    },
    matches: ['alice'],
  },
  {
    title: 'RFC 7643 §4.3 enterprise employeeNumber eq uses its key column',
    resourceType: 'User',
    filter: `${ENTERPRISE}:employeeNumber eq "e100"`,
    sql: {
      sqlite: { sql: '"users"."employee_number_key" = ?', parameters: ['e100'] },
      postgres: { sql: '"users"."employee_number_key" = $1', parameters: ['e100'] },
    },
    matches: ['alice'],
  },
  {
    title: 'RFC 7643 §4.3 enterprise department eq',
    resourceType: 'User',
    filter: `${ENTERPRISE}:department eq "ENGINEERING"`,
    sql: {
      sqlite: { sql: '"users"."department_key" = ?', parameters: ['engineering'] },
      postgres: { sql: '"users"."department_key" = $1', parameters: ['engineering'] },
    },
    matches: ['alice', 'carol'],
  },
  {
    title: 'RFC 7643 §4.3 enterprise manager.value eq uses its key column',
    resourceType: 'User',
    filter: `${ENTERPRISE}:manager.value eq "carol"`,
    sql: {
      sqlite: { sql: '"users"."manager_key" = ?', parameters: ['carol'] },
      postgres: { sql: '"users"."manager_key" = $1', parameters: ['carol'] },
    },
    matches: ['alice', 'bob'],
  },
  {
    title: 'RFC 7644 §3.4.2.2 valuePath on a single-valued complex attribute',
    resourceType: 'User',
    filter: 'manager[value eq "carol"]',
    sql: {
      sqlite: { sql: '"users"."manager_key" = ?', parameters: ['carol'] },
      postgres: { sql: '"users"."manager_key" = $1', parameters: ['carol'] },
    },
    matches: ['alice', 'bob'],
  },
  {
    title: 'RFC 7644 §3.4.2.2 gt on meta.created compares ISO timestamps',
    resourceType: 'User',
    filter: 'meta.created gt "2025-01-01T00:00:02Z"',
    sql: {
      sqlite: { sql: '"users"."created" > ?', parameters: ['2025-01-01T00:00:02.000Z'] },
      postgres: { sql: '"users"."created" > $1', parameters: ['2025-01-01T00:00:02.000Z'] },
    },
    matches: ['carol', 'dave', 'erin'],
  },
  {
    title: 'RFC 7643 §2.3.5 dateTime literals with an offset are normalised to UTC',
    resourceType: 'User',
    filter: 'meta.lastModified le "2025-01-01T01:00:03+01:00"',
    sql: {
      sqlite: { sql: '"users"."last_modified" <= ?', parameters: ['2025-01-01T00:00:03.000Z'] },
      postgres: { sql: '"users"."last_modified" <= $1', parameters: ['2025-01-01T00:00:03.000Z'] },
    },
    matches: ['alice', 'bob', 'carol'],
  },
  {
    title: 'RFC 7643 §4.1.2 groups.value eq reads group_members from the member side',
    resourceType: 'User',
    filter: 'groups.value eq "admins"',
    sql: {
      sqlite: {
        sql: '"users"."id" in (select "el"."member_id" from "group_members" as "el" where "el"."tenant_id" = ? and "el"."group_id" = ?)',
        parameters: ['tenant-a', 'admins'],
      },
      postgres: {
        sql: '"users"."id" in (select "el"."member_id" from "group_members" as "el" where "el"."tenant_id" = $1 and "el"."group_id" = $2)',
        parameters: ['tenant-a', 'admins'],
      },
    },
    matches: ['alice', 'bob'],
  },
  {
    title: 'RFC 7643 §4.1.2 groups.display eq compares the group’s name case-insensitively',
    resourceType: 'User',
    filter: 'groups.display eq "ENGINEERING"',
    sql: {
      sqlite: {
        sql: 'exists (select 1 from "group_members" as "el" where "el"."tenant_id" = ? and "el"."member_id" = "users"."id" and (select g.display_name_key from groups as g where g.tenant_id = "el"."tenant_id" and g.id = "el"."group_id") = ?)',
        parameters: ['tenant-a', 'engineering'],
      },
      postgres: {
        sql: 'exists (select 1 from "group_members" as "el" where "el"."tenant_id" = $1 and "el"."member_id" = "users"."id" and (select g.display_name_key from groups as g where g.tenant_id = "el"."tenant_id" and g.id = "el"."group_id") = $2)',
        parameters: ['tenant-a', 'engineering'],
      },
    },
    matches: ['alice', 'carol'],
  },
  {
    title: 'RFC 7644 §3.4.2.2 or of two indexed comparisons',
    resourceType: 'User',
    filter: 'userName eq "alice@example.com" or externalId eq "ext-bob"',
    sql: {
      sqlite: {
        sql: '("users"."user_name_key" = ? or "users"."external_id" = ?)',
        parameters: ['alice@example.com', 'ext-bob'],
      },
      postgres: {
        sql: '("users"."user_name_key" = $1 or "users"."external_id" = $2)',
        parameters: ['alice@example.com', 'ext-bob'],
      },
    },
    matches: ['alice', 'bob'],
  },
  {
    title: 'RFC 7644 §3.4.2.2 and binds tighter than or',
    resourceType: 'User',
    filter: 'active eq false or userName sw "c" and active eq true',
    sql: {
      sqlite: {
        sql: '("users"."active" = ? or (("users"."user_name_key" >= ? and "users"."user_name_key" < ?) and "users"."active" = ?))',
        parameters: [0, 'c', 'd', 1],
      },
      postgres: {
        sql: '("users"."active" = $1 or (("users"."user_name_key" >= $2 and "users"."user_name_key" < $3) and "users"."active" = $4))',
        parameters: [0, 'c', 'd', 1],
      },
    },
    matches: ['bob', 'carol'],
  },
  {
    title: 'RFC 7644 §3.4.2.2 gt on a custom integer attribute (JSON)',
    resourceType: 'User',
    filter: `${ACME}:badge gt 5`,
    sql: {
      sqlite: {
        sql: 'json_extract("users"."data", ?) > ?',
        parameters: ['$."urn:example:params:scim:schemas:extension:acme:2.0:User".badge', 5],
      },
      postgres: {
        sql: '(case jsonb_typeof(("users"."data" #> $1)) when \'number\' then (("users"."data" #> $2) #>> \'{}\')::numeric end) > $3',
        parameters: [
          ['urn:example:params:scim:schemas:extension:acme:2.0:User', 'badge'],
          ['urn:example:params:scim:schemas:extension:acme:2.0:User', 'badge'],
          5,
        ],
      },
    },
    matches: ['bob', 'carol', 'erin'],
  },
  {
    title: 'RFC 7644 §3.4.2.2 lt on a custom dateTime compares instants, not text',
    resourceType: 'User',
    filter: `${ACME}:hired lt "2020-03-01T08:00:00Z"`,
    sql: {
      sqlite: {
        sql: 'strftime(\'%Y-%m-%dT%H:%M:%fZ\', json_extract("users"."data", ?)) < ?',
        parameters: [
          '$."urn:example:params:scim:schemas:extension:acme:2.0:User".hired',
          '2020-03-01T08:00:00.000Z',
        ],
      },
      postgres: {
        sql: 'to_char(((case jsonb_typeof(("users"."data" #> $1)) when \'string\' then (("users"."data" #> $2) #>> \'{}\') end))::timestamptz at time zone \'UTC\', \'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"\') < $3',
        parameters: [
          ['urn:example:params:scim:schemas:extension:acme:2.0:User', 'hired'],
          ['urn:example:params:scim:schemas:extension:acme:2.0:User', 'hired'],
          '2020-03-01T08:00:00.000Z',
        ],
      },
    },
    matches: ['bob', 'carol'],
  },
  {
    title: 'RFC 7644 §3.4.2.2 eq on a multi-valued simple custom attribute',
    resourceType: 'User',
    filter: `${ACME}:tags eq "GREEN"`,
    sql: {
      sqlite: {
        sql: 'exists (select 1 from json_each("users"."data", ?) as "el" where scim_lower("el"."value") = ?)',
        parameters: ['$."urn:example:params:scim:schemas:extension:acme:2.0:User".tags', 'green'],
      },
      postgres: {
        sql: 'exists (select 1 from jsonb_array_elements((case jsonb_typeof(("users"."data" #> $1)) when \'array\' then ("users"."data" #> $2) end)) with ordinality as "el"(value, key) where lower((case jsonb_typeof("el"."value") when \'string\' then ("el"."value" #>> \'{}\') end)) = $3)',
        parameters: [
          ['urn:example:params:scim:schemas:extension:acme:2.0:User', 'tags'],
          ['urn:example:params:scim:schemas:extension:acme:2.0:User', 'tags'],
          'green',
        ],
      },
    },
    matches: ['bob'],
  },
  {
    title: 'RFC 7643 §2.2 caseExact true custom attribute: eq is case-sensitive',
    resourceType: 'User',
    filter: `${ACME}:clearance eq "topsecret"`,
    sql: {
      sqlite: {
        sql: 'json_extract("users"."data", ?) = ?',
        parameters: ['$."urn:example:params:scim:schemas:extension:acme:2.0:User".clearance', 'topsecret'],
      },
      postgres: {
        sql: '(case jsonb_typeof(("users"."data" #> $1)) when \'string\' then (("users"."data" #> $2) #>> \'{}\') end) = $3',
        parameters: [
          ['urn:example:params:scim:schemas:extension:acme:2.0:User', 'clearance'],
          ['urn:example:params:scim:schemas:extension:acme:2.0:User', 'clearance'],
          'topsecret',
        ],
      },
    },
    matches: ['carol'],
  },
  {
    title: 'RFC 7643 §2.2 caseExact true custom attribute: co is case-sensitive',
    resourceType: 'User',
    filter: `${ACME}:clearance co "Secret"`,
    sql: {
      sqlite: {
        sql: 'json_extract("users"."data", ?) glob ?',
        parameters: ['$."urn:example:params:scim:schemas:extension:acme:2.0:User".clearance', '*Secret*'],
      },
      postgres: {
        sql: '(case jsonb_typeof(("users"."data" #> $1)) when \'string\' then (("users"."data" #> $2) #>> \'{}\') end) like $3 escape \'\\\'',
        parameters: [
          ['urn:example:params:scim:schemas:extension:acme:2.0:User', 'clearance'],
          ['urn:example:params:scim:schemas:extension:acme:2.0:User', 'clearance'],
          '%Secret%',
        ],
      },
    },
    matches: ['bob'],
  },
  {
    title: 'RFC 7643 §3 schemas eq: a resource that carries the extension URI, compared case-insensitively',
    resourceType: 'User',
    filter: `schemas eq "${ENTERPRISE.toUpperCase()}"`,
    sql: {
      sqlite: {
        sql: 'exists (select 1 from json_each("users"."data", ?) as "el" where scim_lower("el"."value") = ?)',
        parameters: ['$.schemas', ENTERPRISE.toLowerCase()],
      },
      postgres: {
        sql: 'exists (select 1 from jsonb_array_elements((case jsonb_typeof(("users"."data" #> $1)) when \'array\' then ("users"."data" #> $2) end)) with ordinality as "el"(value, key) where lower((case jsonb_typeof("el"."value") when \'string\' then ("el"."value" #>> \'{}\') end)) = $3)',
        parameters: [['schemas'], ['schemas'], 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:user'],
      },
    },
    matches: ['alice'],
  },
  {
    title: 'RFC 7643 §3.1 meta.resourceType is known without a column',
    resourceType: 'User',
    filter: 'meta.resourceType eq "User" and id eq "erin"',
    sql: {
      sqlite: { sql: '(? = ? and "users"."id" = ?)', parameters: ['User', 'User', 'erin'] },
      postgres: { sql: '($1 = $2 and "users"."id" = $3)', parameters: ['User', 'User', 'erin'] },
    },
    matches: ['erin'],
  },
  {
    title: 'RFC 7644 §3.4.2.2 eq on Group displayName uses its key column',
    resourceType: 'Group',
    filter: 'displayName eq "engineering"',
    sql: {
      sqlite: { sql: '"groups"."display_name_key" = ?', parameters: ['engineering'] },
      postgres: { sql: '"groups"."display_name_key" = $1', parameters: ['engineering'] },
    },
    matches: ['engineering'],
  },
  {
    title: 'RFC 7643 §4.2 members.value eq reads group_members by member',
    resourceType: 'Group',
    filter: 'members.value eq "ALICE"',
    sql: {
      sqlite: {
        sql: '"groups"."id" in (select "el"."group_id" from "group_members" as "el" where "el"."tenant_id" = ? and "el"."member_id" = ?)',
        parameters: ['tenant-a', 'alice'],
      },
      postgres: {
        sql: '"groups"."id" in (select "el"."group_id" from "group_members" as "el" where "el"."tenant_id" = $1 and "el"."member_id" = $2)',
        parameters: ['tenant-a', 'alice'],
      },
    },
    matches: ['admins', 'engineering'],
  },
  {
    title: 'RFC 7643 §4.2 members[type eq "Group"] finds groups with nested groups',
    resourceType: 'Group',
    filter: 'members[type eq "Group"]',
    sql: {
      sqlite: {
        sql: 'exists (select 1 from "group_members" as "el" where "el"."tenant_id" = ? and "el"."group_id" = "groups"."id" and scim_lower("el"."member_type") = ?)',
        parameters: ['tenant-a', 'group'],
      },
      postgres: {
        sql: 'exists (select 1 from "group_members" as "el" where "el"."tenant_id" = $1 and "el"."group_id" = "groups"."id" and lower("el"."member_type") = $2)',
        parameters: ['tenant-a', 'group'],
      },
    },
    matches: ['engineering'],
  },
  {
    title: 'RFC 7643 §4.2 members.display compares the member’s display name',
    resourceType: 'Group',
    filter: 'members.display eq "carol"',
    sql: {
      sqlite: {
        sql: 'exists (select 1 from "group_members" as "el" where "el"."tenant_id" = ? and "el"."group_id" = "groups"."id" and (case "el"."member_type" when \'User\' then (select coalesce(u.display_name_key, u.user_name_key) from users as u where u.tenant_id = "el"."tenant_id" and u.id = "el"."member_id") else (select g.display_name_key from groups as g where g.tenant_id = "el"."tenant_id" and g.id = "el"."member_id") end) = ?)',
        parameters: ['tenant-a', 'carol'],
      },
      postgres: {
        sql: 'exists (select 1 from "group_members" as "el" where "el"."tenant_id" = $1 and "el"."group_id" = "groups"."id" and (case "el"."member_type" when \'User\' then (select coalesce(u.display_name_key, u.user_name_key) from users as u where u.tenant_id = "el"."tenant_id" and u.id = "el"."member_id") else (select g.display_name_key from groups as g where g.tenant_id = "el"."tenant_id" and g.id = "el"."member_id") end) = $2)',
        parameters: ['tenant-a', 'carol'],
      },
    },
    matches: ['engineering'],
  },
  {
    title: 'RFC 7644 §3.4.2.2 not (members pr): empty groups',
    resourceType: 'Group',
    filter: 'not (members pr)',
    sql: {
      sqlite: {
        sql: 'not coalesce(exists (select 1 from "group_members" as "el" where "el"."tenant_id" = ? and "el"."group_id" = "groups"."id"), false)',
        parameters: ['tenant-a'],
      },
      postgres: {
        sql: 'not coalesce(exists (select 1 from "group_members" as "el" where "el"."tenant_id" = $1 and "el"."group_id" = "groups"."id"), false)',
        parameters: ['tenant-a'],
      },
    },
    matches: ['empty'],
  },
];
