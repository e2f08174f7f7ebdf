from dxkpi.ui.present import render

render()
