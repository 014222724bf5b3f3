"""check-json-schema.py SCHEMA DOCUMENT: validates DOCUMENT against the
subset of JSON Schema draft 7 that docs/chcheck-output.schema.json uses
(type, enum, pattern, minimum, required, properties, additionalProperties,
items, $ref to #/definitions).  Self-contained so the test does not depend on
python's jsonschema being installed; an unsupported keyword is an error."""
import json
import re
import sys

SUPPORTED = {"$schema", "$id", "title", "description", "type", "enum", "pattern", "minimum",
             "required", "properties", "additionalProperties", "items", "$ref", "definitions"}
TYPES = {"object": dict, "array": list, "string": str, "null": type(None)}


def type_ok(value, name):
    if name == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, TYPES[name])


def check(value, schema, root, where, errors):
    unknown = set(schema) - SUPPORTED
    if unknown:
        errors.append("%s: schema uses unsupported keywords %s" % (where, sorted(unknown)))
    if "$ref" in schema:
        name = schema["$ref"].split("/")[-1]
        return check(value, root["definitions"][name], root, where, errors)
    types = schema.get("type")
    if types is not None:
        types = types if isinstance(types, list) else [types]
        if not any(type_ok(value, t) for t in types):
            errors.append("%s: %r is not of type %s" % (where, value, types))
            return
    if "enum" in schema and value not in schema["enum"]:
        errors.append("%s: %r not in %s" % (where, value, schema["enum"]))
    if "pattern" in schema and isinstance(value, str) and not re.search(schema["pattern"], value):
        errors.append("%s: %r does not match %s" % (where, value, schema["pattern"]))
    if "minimum" in schema and isinstance(value, int) and value < schema["minimum"]:
        errors.append("%s: %r < %s" % (where, value, schema["minimum"]))
    if isinstance(value, dict):
        for key in schema.get("required", []):
            if key not in value:
                errors.append("%s: missing %s" % (where, key))
        props = schema.get("properties", {})
        for key, item in value.items():
            if key in props:
                check(item, props[key], root, where + "/" + key, errors)
            elif schema.get("additionalProperties") is False:
                errors.append("%s: unexpected property %s" % (where, key))
    if isinstance(value, list) and "items" in schema:
        for i, item in enumerate(value):
            check(item, schema["items"], root, "%s/%d" % (where, i), errors)


schema = json.load(open(sys.argv[1]))
document = json.load(open(sys.argv[2]))
problems = []
check(document, schema, schema, "", problems)
for p in problems:
    print("error: " + p)
sys.exit(1 if problems else 0)
