import { describe, expect, it } from 'vitest';
import { splitStatements } from './sql-statements.js';

describe('splitStatements', () => {
  it('splits on semicolons and drops empty statements and lone comments', () => {
    expect(splitStatements('SELECT 1;\n\n  SELECT 2 ;;\n-- the end;\n')).toEqual(['SELECT 1', 'SELECT 2']);
    expect(splitStatements('SELECT 3')).toEqual(['SELECT 3']);
  });

  it('keeps semicolons inside strings, identifiers, dollar quotes and comments', () => {
    const statements = [
      "SELECT 'a;b', 'it''s;', E'\\';'",
      'SELECT 1 AS "x;y"',
      "DO $$ BEGIN RAISE NOTICE 'x;'; END $$",
      'CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $body$ SELECT 1; $body$',
      '/* a; /* nested; */ still; */ SELECT 2',
      'SELECT 3 -- trailing; comment\n + 1',
      'SELECT $1::int',
    ];
    expect(splitStatements(`${statements.join(';\n')};`)).toEqual(statements);
  });
});
