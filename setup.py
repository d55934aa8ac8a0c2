"""Packaging for motionstream, driven by nbdev's settings.ini (no pkg_resources)."""
from configparser import ConfigParser
from pathlib import Path
import setuptools

cfg = ConfigParser(delimiters=['='])
cfg.read(Path(__file__).parent/'settings.ini', encoding='utf-8')
cfg = cfg['DEFAULT']
licenses = {'apache2': ('Apache-2.0', 'License :: OSI Approved :: Apache Software License')}
statuses = ['1 - Planning', '2 - Pre-Alpha', '3 - Alpha', '4 - Beta', '5 - Production/Stable']
lic = licenses[cfg['license']]

def reqs(key): return cfg.get(key, '').split()

setuptools.setup(
    name=cfg['lib_name'], version=cfg['version'], description=cfg['description'],
    long_description=(Path(__file__).parent/'README.md').read_text(encoding='utf-8'),
    long_description_content_type='text/markdown',
    author=cfg['author'], author_email=cfg['author_email'], license=lic[0],
    url=cfg['git_url'], keywords=cfg['keywords'].split(),
    classifiers=[f"Development Status :: {statuses[int(cfg['status']) - 1]}", lic[1],
                 'Natural Language :: English', 'Programming Language :: Python :: 3.11'],
    python_requires=f">={cfg['min_python']}",
    packages=setuptools.find_packages(include=['motionstream', 'motionstream.*']),
    include_package_data=True,
    install_requires=reqs('requirements'),
    extras_require={'dev': reqs('dev_requirements'), 'cuda': reqs('cuda_requirements')},
    entry_points={'console_scripts': reqs('console_scripts'), 'nbdev': [f"{cfg['lib_path']}={cfg['lib_path']}._modidx:d"]},
    zip_safe=False,
)
