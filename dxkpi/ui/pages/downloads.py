from dxkpi.ui.downloads import render

render()
