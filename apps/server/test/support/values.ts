import fc from "fast-check";

// For the serializers' property tests (trpc-serialize, json-text): a fast serializer must give
// what the library it stands in for gives, whatever a procedure returns.

/** The text a serializer gives, or the error it throws: two that agree give the same. */
export function outcome(produce: () => string | undefined): string | undefined {
  try {
    return produce();
  } catch (error) {
    const { name, message } = error as Error;
    return `throws ${name}: ${message}`;
  }
}

/**
 * Any tree of values: JSON's, Dates (invalid ones and extended years too), undefined, BigInt, -0,
 * arrays with holes, objects with any string keys and these ones.
 */
export function valueTree(keys: string[]): fc.Arbitrary<unknown> {
  const leaf = fc.oneof(
    fc.string(),
    fc.boolean(),
    fc.constant(null),
    fc.double(),
    fc.integer(),
    fc.date({ noInvalidDate: false }),
    fc.date({ min: new Date(-8.64e15), max: new Date(8.64e15) }),
    fc.constant(undefined),
    fc.bigInt(),
    fc.constant(-0),
  );
  const key = fc.oneof(fc.string(), fc.constantFrom(...keys));
  return fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: "small" }, leaf, tie("array"), tie("object"), tie("sparse")),
    array: fc.array(tie("value"), { maxLength: 5 }),
    sparse: fc.sparseArray(tie("value"), { maxLength: 6 }),
    object: fc.dictionary(key, tie("value"), { maxKeys: 5 }),
  })).value;
}
