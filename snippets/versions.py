from importlib.metadata import version

# The packages behind this site's numbers. The figure pipeline runs this file in the same
# environment as every snippet and records what it finds (docs/figures/versions.json).
PACKAGES = ["torch", "tensorflow", "keras", "numpy", "scikit-learn", "matplotlib"]

versions = {package: version(package) for package in PACKAGES}
for package, installed in versions.items():
    print(f"{package}=={installed}")
assert all(versions.values())
