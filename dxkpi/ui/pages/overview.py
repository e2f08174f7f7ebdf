from dxkpi.ui.overview import render

render()
