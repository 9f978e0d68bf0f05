/**
 * The shape of a generated per-namespace `ClassMap` (`<namespace>/providers/class-map.ts`): class name to the type
 * of its instances and of each method's input and output. The provider host and the client are both typed by it.
 */
export type CimClassMap = {
  readonly [className: string]: {
    readonly instance: object;
    readonly methods: { readonly [method: string]: { readonly in: object; readonly out: object } };
  };
};

/** The class map of an untyped client: any class, any method, plain records. */
export type AnyClassMap = {
  readonly [className: string]: {
    readonly instance: Readonly<Record<string, unknown>>;
    readonly methods: {
      readonly [method: string]: {
        readonly in: Readonly<Record<string, unknown>>;
        readonly out: Readonly<Record<string, unknown>>;
      };
    };
  };
};
