"""The project's contract with a newcomer: the README's two commands, CI calling the same test command,
the torch pin, the console scripts, the notebook -> module map."""
import configparser, importlib, json, re, subprocess, sys
from pathlib import Path
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT/'tools'))

def settings():
    cfg = configparser.ConfigParser(delimiters=['=']); cfg.read(ROOT/'settings.ini'); return cfg['DEFAULT']

def quick_start():
    text = (ROOT/'README.md').read_text()
    block = re.search(r'## Quick start.*?```bash\n(.*?)```', text, re.S)
    assert block, "README.md has no ```bash block under '## Quick start'"
    return [l for l in block.group(1).splitlines() if l.strip()]

def test_quick_start_is_two_commands():
    cmds = quick_start()
    assert len(cmds) == 2, cmds
    assert 'pip install -e .' in cmds[0] and cmds[0].split('&&')[-1].strip() == '.venv/bin/ms-stream'   # the main job: stream on the shipped checkpoints
    assert '[dev]' in cmds[1] and 'tools/test.sh' in cmds[1]

def test_ci_runs_the_readme_test_command():
    ci = (ROOT/'.ci'/'run').read_text().splitlines()
    assert quick_start()[1] in ci, ".ci/run must run the README's test command verbatim"

def test_readme_generated_from_index():
    import readme
    assert (ROOT/'README.md').read_text() == readme.render(), "run `python tools/readme.py`"

def test_torch_is_pinned_to_the_cpu_build_on_disk():
    reqs = settings()['requirements'].split()
    torch_reqs = [r for r in reqs if re.match(r'torch\b', r)]
    assert torch_reqs == ['torch==2.13.0']
    assert 'slow' in settings()['tst_flags'].split() and 'cuda' in settings()['tst_flags'].split()

def test_console_scripts_resolve():
    for spec in settings()['console_scripts'].split():
        name, target = spec.split('=')
        assert name.startswith('ms-'), name
        mod, fn = target.split(':')
        assert callable(getattr(importlib.import_module(mod), fn))

def test_each_notebook_exports_its_module():
    for nb in sorted((ROOT/'nbs').glob('[0-9][0-9]_*.ipynb')):
        cells = json.loads(nb.read_text())['cells']
        exp = [l for c in cells if c['cell_type'] == 'code' for l in ''.join(c['source']).splitlines() if l.startswith('#| default_exp')]
        assert len(exp) == 1, f"{nb.name} must declare exactly one default_exp"
        mod = exp[0].split()[-1]
        assert (ROOT/'motionstream'/(mod.replace('.', '/') + '.py')).exists(), f"{nb.name} -> {mod} not exported"

def test_notebooks_have_no_outputs_or_widget_state():
    for nb in (ROOT/'nbs').glob('*.ipynb'):
        d = json.loads(nb.read_text())
        assert 'widgets' not in d.get('metadata', {}), nb.name
        assert all(not c.get('outputs') for c in d['cells'] if c['cell_type'] == 'code'), f"{nb.name} has saved outputs"
