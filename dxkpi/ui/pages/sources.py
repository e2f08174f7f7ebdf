from dxkpi.ui.sources import render

render()
