"""Builds the arrowpack Python package; the extension arrowpack._core is compiled by CMake.

build_ext configures and builds the CMake target `_core` in one build directory, by default
<repo>/build (override with ARROWPACK_BUILD_DIR), so the C++ compiled for the C++ tests is reused,
then copies the module into the package. Package metadata lives in pyproject.toml.
"""
import glob
import os
import shutil
import subprocess
import sys
import sysconfig

from setuptools import Extension, find_packages, setup
from setuptools.command.build_ext import build_ext

ROOT = os.path.dirname(os.path.abspath(__file__))


def cached_generator(build_dir):
    """The generator an existing build directory was configured with (CMake refuses to switch)."""
    cache = os.path.join(build_dir, "CMakeCache.txt")
    if not os.path.exists(cache):
        return None
    with open(cache) as f:
        for line in f:
            if line.startswith("CMAKE_GENERATOR:INTERNAL="):
                return line.split("=", 1)[1].strip()
    return None


class CMakeExtension(Extension):
    def __init__(self, name):
        super().__init__(name, sources=[])


class CMakeBuild(build_ext):
    def build_extension(self, ext):
        import pybind11

        build_dir = os.path.abspath(os.environ.get("ARROWPACK_BUILD_DIR", os.path.join(ROOT, "build")))
        cmake = shutil.which("cmake") or "cmake"
        args = [
            cmake, "-S", ROOT, "-B", build_dir,
            "-DARROWPACK_BUILD_PYTHON=ON",
            f"-DPython_EXECUTABLE={sys.executable}",
            # Passed on every run: an isolated pip build provides pybind11 and ninja from a
            # temporary prefix that is gone by the next build in the same directory.
            f"-Dpybind11_DIR={pybind11.get_cmake_dir()}",
        ]
        generator = cached_generator(build_dir)
        ninja = shutil.which("ninja")
        if generator is None:
            # A build directory made only for the package needs no GoogleTest.
            args.append("-DARROWPACK_BUILD_TESTS=OFF")
            if ninja:
                generator = "Ninja"
                args += ["-G", "Ninja"]
        if generator == "Ninja" and ninja:
            args.append(f"-DCMAKE_MAKE_PROGRAM={ninja}")
        subprocess.check_call(args)

        jobs = os.environ.get("CMAKE_BUILD_PARALLEL_LEVEL") or str(self.parallel or os.cpu_count() or 1)
        subprocess.check_call([cmake, "--build", build_dir, "--target", "_core", "-j", jobs])

        suffix = sysconfig.get_config_var("EXT_SUFFIX")
        built = glob.glob(os.path.join(build_dir, "python", "_core" + suffix))
        if not built:
            raise RuntimeError(f"CMake built no _core{suffix} in {build_dir}/python")
        target = self.get_ext_fullpath(ext.name)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copyfile(built[0], target)


setup(
    package_dir={"": "python"},
    packages=find_packages("python"),
    ext_modules=[CMakeExtension("arrowpack._core")],
    cmdclass={"build_ext": CMakeBuild},
    # setuptools' own scratch space, kept apart from the CMake build directory.
    options={"build": {"build_base": os.path.join("build", "setuptools")}},
    zip_safe=False,
)
