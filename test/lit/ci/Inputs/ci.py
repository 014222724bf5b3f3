"""ci.py: reads the CI examples of docs/ci/ so tests run what they say.
  ci.py github-run WORKFLOW STEP         the `run` script of the step named STEP
  ci.py github-with WORKFLOW USES KEY    `with: KEY` of the step that uses USES@...
  ci.py gitlab-script CI JOB             the job's script, one command a line
  ci.py gitlab-get CI JOB KEY.KEY...     a value of the job (lists: one item a line)"""
import sys

import yaml


def main():
    command, path = sys.argv[1], sys.argv[2]
    doc = yaml.safe_load(open(path))
    if command == "github-run":
        steps = [s for job in doc["jobs"].values() for s in job["steps"]]
        print(next(s["run"] for s in steps if s.get("name") == sys.argv[3]))
    elif command == "github-with":
        steps = [s for job in doc["jobs"].values() for s in job["steps"]]
        step = next(s for s in steps if s.get("uses", "").split("@")[0] == sys.argv[3])
        print(step["with"][sys.argv[4]])
    elif command == "gitlab-script":
        print("\n".join(doc[sys.argv[3]]["script"]))
    elif command == "gitlab-get":
        value = doc[sys.argv[3]]
        for key in sys.argv[4].split("."):
            value = value[key]
        print("\n".join(value) if isinstance(value, list) else value)
    else:
        sys.exit("ci.py: unknown command " + command)


main()
