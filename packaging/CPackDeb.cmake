# Debian package (Debian 12 "bookworm" runtime libraries).
set(CPACK_DEBIAN_PACKAGE_NAME "labconsole")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "science")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE ${PROJECT_HOMEPAGE_URL})
# Named explicitly (the libraries the program opens or needs at run time beyond what the
# linker records, e.g. the Qt platform plugins), and completed by dpkg-shlibdeps from the
# binaries' own NEEDED entries when it is available.
set(CPACK_DEBIAN_PACKAGE_DEPENDS
    "libqt6core6 (>= 6.4), libqt6gui6 (>= 6.4), libqt6widgets6 (>= 6.4), libqt6charts6 (>= 6.4), libqt6svg6 (>= 6.4), libqt6network6 (>= 6.4), qt6-qpa-plugins, libcurl4, libyaml-cpp0.7")
find_program(LABCONSOLE_DPKG_SHLIBDEPS dpkg-shlibdeps)
if(LABCONSOLE_DPKG_SHLIBDEPS)
    set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
endif()
# NVML is opened at run time when present; the NVIDIA driver is not a dependency.
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "libnvidia-ml1")
