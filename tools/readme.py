"""Make README.md from nbs/index.ipynb (markdown cells as they are, code cells fenced, hidden cells left out).

    python tools/readme.py          # write README.md
    python tools/readme.py --check  # exit 1 if README.md is out of date
"""
import json, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

def render(nb_path=ROOT/'nbs'/'index.ipynb') -> str:
    nb = json.loads(Path(nb_path).read_text(encoding='utf-8'))
    parts = []
    for cell in nb['cells']:
        src = ''.join(cell['source']).strip()
        if not src or src.startswith('#| hide'): continue
        if cell['cell_type'] == 'markdown': parts.append(src)
        elif cell['cell_type'] == 'code':
            lines = [l for l in src.splitlines() if not l.startswith('#|')]
            parts.append('```python\n' + '\n'.join(lines).strip() + '\n```')
    head = '<!-- generated from nbs/index.ipynb by tools/readme.py: edit the notebook, not this file -->\n\n'
    return head + '\n\n'.join(parts) + '\n'

if __name__ == '__main__':
    text, readme = render(), ROOT/'README.md'
    if '--check' in sys.argv:
        if not readme.exists() or readme.read_text(encoding='utf-8') != text:
            sys.exit('README.md is out of date with nbs/index.ipynb: run `python tools/readme.py`')
        print('README.md is in sync with nbs/index.ipynb')
    else:
        readme.write_text(text, encoding='utf-8'); print(f'wrote {readme}')
