# cmake -DBUILD_DIR=<build> -DPREFIX=<empty dir> -P checkinstall.cmake
# Installs the build into PREFIX and checks that each file is in its XDG place.
if(NOT BUILD_DIR OR NOT PREFIX)
    message(FATAL_ERROR "usage: cmake -DBUILD_DIR=<build> -DPREFIX=<dir> -P checkinstall.cmake")
endif()
file(REMOVE_RECURSE "${PREFIX}")
execute_process(COMMAND "${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${PREFIX}"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "cmake --install failed (${rc}):\n${out}\n${err}")
endif()

set(expected
    bin/labconsole
    bin/labctl
    bin/lab-train
    share/applications/io.github.labconsole.LabConsole.desktop
    share/metainfo/io.github.labconsole.LabConsole.metainfo.xml
    share/icons/hicolor/scalable/apps/labconsole.svg)
set(missing "")
foreach(f IN LISTS expected)
    if(NOT EXISTS "${PREFIX}/${f}")
        list(APPEND missing "${f}")
    endif()
endforeach()
if(missing)
    file(GLOB_RECURSE present RELATIVE "${PREFIX}" "${PREFIX}/*")
    message(FATAL_ERROR "missing from the install tree: ${missing}\ninstalled: ${present}")
endif()

# The binaries run from there (labctl needs nothing but its libraries).
execute_process(COMMAND "${PREFIX}/bin/labctl" --version RESULT_VARIABLE rc OUTPUT_VARIABLE version)
if(NOT rc EQUAL 0 OR NOT version MATCHES "^labctl [0-9]+\\.[0-9]+\\.[0-9]+")
    message(FATAL_ERROR "installed labctl --version gave ${rc}: ${version}")
endif()

# The desktop entry launches what is installed and names the installed icon.
file(READ "${PREFIX}/share/applications/io.github.labconsole.LabConsole.desktop" desktop)
foreach(line "Exec=labconsole" "Icon=labconsole" "Categories=Science;Education;" "Type=Application")
    string(FIND "${desktop}" "${line}" at)
    if(at LESS 0)
        message(FATAL_ERROR "the desktop entry lacks '${line}'")
    endif()
endforeach()
file(READ "${PREFIX}/share/metainfo/io.github.labconsole.LabConsole.metainfo.xml" meta)
string(FIND "${meta}" "<launchable type=\"desktop-id\">io.github.labconsole.LabConsole.desktop</launchable>" at)
if(at LESS 0)
    message(FATAL_ERROR "the metainfo does not launch the installed desktop entry")
endif()
file(READ "${PREFIX}/share/icons/hicolor/scalable/apps/labconsole.svg" svg)
string(FIND "${svg}" "<svg" at)
if(at LESS 0)
    message(FATAL_ERROR "the icon is not an SVG")
endif()

# Translations, when the build produces .qm files, go to share/labconsole/translations.
file(GLOB_RECURSE qm RELATIVE "${PREFIX}" "${PREFIX}/*.qm")
foreach(f IN LISTS qm)
    if(NOT f MATCHES "^share/labconsole/translations/[^/]+\\.qm$")
        message(FATAL_ERROR "translation outside share/labconsole/translations: ${f}")
    endif()
endforeach()
list(LENGTH qm nqm)
message(STATUS "install tree OK under ${PREFIX} (${nqm} translation files)")
file(REMOVE_RECURSE "${PREFIX}")
