"""Run one of motionstream's console scripts without installing the package (e.g. on a lent GPU machine, where the
package is on PYTHONPATH but not pip-installed): `python tools/ms.py ms-train-teacher --steps 10 ...`.
The names and their functions are read from settings.ini's `console_scripts`."""
import configparser, importlib, sys
from pathlib import Path

cfg = configparser.ConfigParser(); cfg.read(Path(__file__).resolve().parents[1] / 'settings.ini')
scripts = dict(e.split('=', 1) for e in cfg['DEFAULT']['console_scripts'].split())
if len(sys.argv) < 2 or sys.argv[1] not in scripts:
    raise SystemExit(f"usage: python tools/ms.py NAME [flags...], NAME one of: {', '.join(sorted(scripts))}")
module, func = scripts[sys.argv[1]].split(':')
sys.argv = sys.argv[1:]                        # what the installed script would see: its own name, then the flags
main = getattr(importlib.import_module(module), func)
main()                                         # at top level, so fastcore's call_parse parses sys.argv as for an installed script
